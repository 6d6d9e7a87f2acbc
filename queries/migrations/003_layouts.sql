-- Schema version 2 → 3: the AI-Perf and event-harness layouts.
-- New tables (loads, harness_events) come from schema.sql; only columns of existing tables are added here.

ALTER TABLE scenarios ADD COLUMN layout_variant VARCHAR;
ALTER TABLE scenarios ADD COLUMN startup_reported_s DOUBLE;

-- Schema version 1 → 2: history (`ftparse ingest/runs/trend/compare`).
-- New tables (scenario_metrics, schema_version) come from schema.sql, which db.ts runs right after
-- the pending migrations; only changes to what version 1 already had are written here.

ALTER TABLE runs ADD COLUMN name VARCHAR;
ALTER TABLE runs ADD COLUMN source_files BIGINT;
ALTER TABLE runs ADD COLUMN source_bytes BIGINT;
ALTER TABLE runs ADD COLUMN metrics_version VARCHAR;

-- Reference data is per connection now (reference_data.sql, TEMP tables): re-filling it in the file
-- on every open made read-only opens impossible and raced with concurrent readers.
DROP TABLE IF EXISTS ready_patterns;
DROP TABLE IF EXISTS known_failures;

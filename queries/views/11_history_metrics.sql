-- One row per scenario with the metrics that are kept across runs: the numeric columns of `summary`
-- except the SLA-dependent violations (they depend on --sla) and the display order, and the numeric
-- figures of `summary_ext` (docs/metrics.md#extended, at their default --window/--recovered-ratio). Its numeric
-- columns are the metric list of `trend` and `compare` (metric_catalog.sql) and what is stored in
-- scenario_metrics at ingest (the stored metrics of every run are recomputed on the next writable
-- open whenever this SQL changes).
CREATE OR REPLACE TEMP VIEW history_metrics AS
SELECT s.* EXCLUDE (violations_before, violations_after, failure_order),
       e.* EXCLUDE (scenario_id, failed_component, errors)
FROM summary s
LEFT JOIN summary_ext e USING (scenario_id);

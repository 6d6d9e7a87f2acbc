-- One row per scenario with the metrics that are kept across runs: the numeric columns of `summary`
-- except the SLA-dependent violations (they depend on --sla) and the display order. Its numeric
-- columns are the metric list of `trend` and `compare` (metric_catalog.sql) and what is stored in
-- scenario_metrics at ingest. To add the extended metrics, join them here, e.g.
--   FROM summary LEFT JOIN (SELECT scenario_id, COLUMNS(c -> c LIKE '%_s' OR …) FROM summary_ext) USING (scenario_id)
-- (the stored metrics of every run are then recomputed on the next writable open).
CREATE OR REPLACE TEMP VIEW history_metrics AS
SELECT * EXCLUDE (violations_before, violations_after, failure_order)
FROM summary;

-- Documented view: every stored metric of every scenario of every run, one row per value (long
-- format: filter on `metric`). Values are the history_metrics columns computed at ingest.
-- The scenario columns it reads, as a view of their own: a lake whose runs carry them in their
-- manifests replaces it (queries/lake/lake_run_overview.sql), so that a trend opens no scenarios file.
CREATE OR REPLACE TEMP VIEW metric_history_scenarios AS
SELECT scenario_id, run_id, test_group, failure, layout, dir FROM scenarios;
CREATE OR REPLACE TEMP VIEW metric_history AS
SELECT o.run_id,
       o.run_name,
       o.run_time,
       o.seq,
       o.labels,
       s.scenario_id,
       s.test_group,
       s.failure,
       coalesce(k.ord, 1000) AS failure_order,
       s.layout,
       s.dir AS scenario_dir,
       m.metric,
       m.value
FROM scenario_metrics m
JOIN metric_history_scenarios s USING (scenario_id)
JOIN run_overview o USING (run_id)
LEFT JOIN known_failures k ON k.name = s.failure;

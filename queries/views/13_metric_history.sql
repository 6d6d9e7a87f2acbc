-- Documented view: every stored metric of every scenario of every run, one row per value (long
-- format: filter on `metric`). Values are the history_metrics columns computed at ingest.
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
JOIN scenarios s USING (scenario_id)
JOIN run_overview o USING (run_id)
LEFT JOIN known_failures k ON k.name = s.failure;

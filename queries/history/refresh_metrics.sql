-- (Re)compute the stored metrics of the given runs from history_metrics. Parameter: $run_ids.
-- UNPIVOT turns the metric columns (metric_catalog.sql) into rows; INCLUDE NULLS keeps "no value",
-- so that compare can tell "N/A in this run" from "not measured".
DELETE FROM scenario_metrics
WHERE scenario_id IN (SELECT scenario_id FROM scenarios WHERE list_contains($run_ids::BIGINT[], run_id));

-- Only these runs are summarised, not every run of the history (in_runs, macros.sql).
SET VARIABLE run_scenarios = run_scenarios($run_ids::BIGINT[]);

INSERT INTO scenario_metrics (scenario_id, metric, value)
SELECT scenario_id, metric, value
FROM (
  SELECT scenario_id, COLUMNS(c -> list_contains(getvariable('metric_names'), c))::DOUBLE
  FROM history_metrics
  WHERE in_runs(scenario_id, run_id, $run_ids::BIGINT[])
) UNPIVOT INCLUDE NULLS (value FOR metric IN (COLUMNS(* EXCLUDE (scenario_id))));

UPDATE runs SET metrics_version = getvariable('metrics_version')
WHERE list_contains($run_ids::BIGINT[], run_id);

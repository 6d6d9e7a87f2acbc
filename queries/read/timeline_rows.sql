-- The timeline buckets of the given runs, in scenario and time order.
-- The runs' scenario ids as a constant range (as in refresh_metrics.sql): pushed down through the views
-- to the requests scan, so that only these runs are summarised, not every run of a --db history.
SET VARIABLE rows_first = (SELECT min(scenario_id) FROM scenarios WHERE list_contains($run_ids::BIGINT[], run_id));
SET VARIABLE rows_last = (SELECT max(scenario_id) FROM scenarios WHERE list_contains($run_ids::BIGINT[], run_id));

SELECT t.* FROM timeline t JOIN scenarios s USING (scenario_id)
WHERE t.scenario_id BETWEEN getvariable('rows_first') AND getvariable('rows_last')
  AND list_contains($run_ids::BIGINT[], s.run_id)
ORDER BY t.scenario_id, t.t_s;

-- Scenarios of the given runs with no request row at all: left out of the summary, as in the reference.
-- The runs' scenario ids as a constant range (as in refresh_metrics.sql): pushed down through the views
-- to the requests scan, so that only these runs are summarised, not every run of a --db history.
SET VARIABLE rows_first = (SELECT min(scenario_id) FROM scenarios WHERE list_contains($run_ids::BIGINT[], run_id));
SET VARIABLE rows_last = (SELECT max(scenario_id) FROM scenarios WHERE list_contains($run_ids::BIGINT[], run_id));

SELECT s.dir
FROM scenarios s
LEFT JOIN (
  SELECT scenario_id FROM requests
  WHERE counted AND scenario_id BETWEEN getvariable('rows_first') AND getvariable('rows_last')
  GROUP BY scenario_id
) q USING (scenario_id)
WHERE list_contains($run_ids::BIGINT[], s.run_id) AND q.scenario_id IS NULL
ORDER BY s.dir;

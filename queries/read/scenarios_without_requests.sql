-- Scenarios of the given runs with no request row at all: left out of the summary, as in the reference.
-- Only these runs are read, not every run of a --db history (in_runs, macros.sql).
SET VARIABLE run_scenarios = run_scenarios($run_ids::BIGINT[]);

SELECT s.dir, s.test_group, s.failure, s.layout, s.run_id, s.scenario_id
FROM scenarios s
LEFT JOIN (
  SELECT scenario_id FROM requests
  WHERE counted AND in_run_range(scenario_id)
  GROUP BY scenario_id
) q USING (scenario_id)
WHERE list_contains($run_ids::BIGINT[], s.run_id) AND q.scenario_id IS NULL
ORDER BY s.dir;

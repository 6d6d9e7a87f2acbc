-- The timeline buckets of the given runs, in scenario and time order.
-- Only these runs are read, not every run of a --db history (in_runs, macros.sql).
SET VARIABLE run_scenarios = run_scenarios($run_ids::BIGINT[]);

SELECT t.* FROM timeline t JOIN scenarios s USING (scenario_id)
WHERE in_runs(t.scenario_id, s.run_id, $run_ids::BIGINT[])
ORDER BY t.scenario_id, t.t_s;

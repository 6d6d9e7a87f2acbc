-- The timeline events of the given runs, in scenario and time order.
-- Only these runs are read, not every run of a --db history (in_runs, macros.sql).
SET VARIABLE run_scenarios = run_scenarios($run_ids::BIGINT[]);

SELECT e.* FROM timeline_events e JOIN scenarios s USING (scenario_id)
WHERE in_runs(e.scenario_id, s.run_id, $run_ids::BIGINT[])
ORDER BY e.scenario_id, e.ts, e.kind, e.service, e.pod;

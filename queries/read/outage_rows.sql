-- The client-visible outages of the given runs (seconds after F).
-- Only these runs are read, not every run of a --db history (in_runs, macros.sql).
SET VARIABLE run_scenarios = run_scenarios($run_ids::BIGINT[]);

SELECT o.* FROM outages o JOIN scenarios s USING (scenario_id)
WHERE in_runs(o.scenario_id, s.run_id, $run_ids::BIGINT[])
ORDER BY o.scenario_id, o.outage_no;

-- The summary rows of the given runs.
-- Only these runs are read, not every run of a --db history (in_runs, macros.sql).
SET VARIABLE run_scenarios = run_scenarios($run_ids::BIGINT[]);

SELECT * FROM summary
WHERE in_runs(scenario_id, run_id, $run_ids::BIGINT[]);

-- The reference summary rows of the given runs with the extended figures joined on (needs the views
-- `summary`, `summary_ext` and `watcher_pending`: the early local suite's queue lengths, NULL elsewhere).
-- Only these runs are read, not every run of a --db history (in_runs, macros.sql).
SET VARIABLE run_scenarios = run_scenarios($run_ids::BIGINT[]);

SELECT m.*, e.* EXCLUDE (scenario_id), w.pending_before, w.pending_after
FROM summary m LEFT JOIN summary_ext e USING (scenario_id)
LEFT JOIN watcher_pending w USING (scenario_id)
WHERE in_runs(m.scenario_id, m.run_id, $run_ids::BIGINT[]);

-- The timeline buckets of the given runs, in scenario and time order.
SELECT t.* FROM timeline t JOIN scenarios s USING (scenario_id)
WHERE list_contains($run_ids::BIGINT[], s.run_id)
ORDER BY t.scenario_id, t.t_s;

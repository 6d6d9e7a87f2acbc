-- The client-visible outages of the given runs (seconds after F).
SELECT o.* FROM outages o JOIN scenarios s USING (scenario_id)
WHERE list_contains($run_ids::BIGINT[], s.run_id)
ORDER BY o.scenario_id, o.outage_no;

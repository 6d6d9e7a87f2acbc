-- The timeline events of the given runs, in scenario and time order.
SELECT e.* FROM timeline_events e JOIN scenarios s USING (scenario_id)
WHERE list_contains($run_ids::BIGINT[], s.run_id)
ORDER BY e.scenario_id, e.ts, e.kind, e.service, e.pod;

-- Scenarios of the given runs with no request row at all: left out of the summary, as in the reference.
SELECT s.dir FROM scenarios s
WHERE list_contains($run_ids::BIGINT[], s.run_id)
  AND NOT EXISTS (SELECT 1 FROM requests q WHERE q.scenario_id = s.scenario_id AND q.counted)
ORDER BY s.dir;

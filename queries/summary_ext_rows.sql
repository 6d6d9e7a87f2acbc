-- The reference summary rows of the given runs with the extended figures joined on (needs the views
-- `summary` and `summary_ext`).
SELECT m.*, e.* EXCLUDE (scenario_id)
FROM summary m LEFT JOIN summary_ext e USING (scenario_id)
WHERE list_contains($run_ids::BIGINT[], m.run_id);

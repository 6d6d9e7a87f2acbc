-- The summary rows of the given runs.
SELECT * FROM summary WHERE list_contains($run_ids::BIGINT[], run_id);

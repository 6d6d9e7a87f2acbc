-- Reading a lake: the lake ids (folder names) of these run numbers. Parameter: $run_ids.
SELECT lake_run_id FROM lake_runs WHERE list_contains($run_ids::BIGINT[], run_no);

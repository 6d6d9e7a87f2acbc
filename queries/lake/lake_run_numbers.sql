-- Reading a lake: the run numbers of these lake ids (folder names). Parameter: $lake_run_ids.
SELECT lake_run_id, run_no FROM lake_runs WHERE list_contains($lake_run_ids::VARCHAR[], lake_run_id);

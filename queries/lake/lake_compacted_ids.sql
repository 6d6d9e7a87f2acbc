-- Reading a lake: the runs its compacted months cover (their per-run files are not read).
SELECT lake_run_id FROM lake_runs;

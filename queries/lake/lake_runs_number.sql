-- Reading a lake: number its runs as a --db store numbers them, in ingest order (ties: by lake id).
UPDATE lake_runs SET run_no = n.run_no
FROM (SELECT lake_run_id, row_number() OVER (ORDER BY ingested_at, lake_run_id) AS run_no FROM lake_runs) n
WHERE lake_runs.lake_run_id = n.lake_run_id;

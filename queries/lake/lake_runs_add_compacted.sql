-- Reading a lake: the runs of its compacted months (getvariable('lake_compacted_runs'): one file per
-- month, run_id and run_date as columns).
INSERT INTO lake_runs BY NAME
SELECT run_id AS lake_run_id, run_date, lake_format, schema_version, ingested_at
FROM read_parquet(getvariable('lake_compacted_runs'), union_by_name = true);

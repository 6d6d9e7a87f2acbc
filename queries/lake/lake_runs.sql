-- Reading a lake: the runs read from their own files (getvariable('lake_files_runs'): those no
-- compacted month covers).
INSERT INTO lake_runs BY NAME
SELECT run_id AS lake_run_id, run_date, lake_format, schema_version, ingested_at
FROM read_parquet(getvariable('lake_files_runs'), hive_partitioning = true, union_by_name = true,
                  hive_types = {'run_date': DATE, 'run_id': VARCHAR});

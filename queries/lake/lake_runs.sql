-- Reading a lake: its committed runs (the files of getvariable('lake_files_runs')), numbered as a
-- --db store numbers them, in ingest order (ties: by lake id).
CREATE OR REPLACE TABLE lake_runs AS
SELECT run_id AS lake_run_id, run_date, lake_format, schema_version,
       row_number() OVER (ORDER BY ingested_at, run_id) AS run_no
FROM read_parquet(getvariable('lake_files_runs'), hive_partitioning = true, union_by_name = true,
                  hive_types = {'run_date': DATE, 'run_id': VARCHAR});

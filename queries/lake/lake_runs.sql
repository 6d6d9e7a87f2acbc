-- Reading a lake: the runs read from their own files (getvariable('lake_files_runs'): those no
-- compacted month covers). Every column is kept (lake_runs_files): the `runs` view reads the rows
-- from there, so each file is opened once, as opening is what a per-run file costs.
CREATE OR REPLACE TABLE lake_runs_files AS
SELECT * FROM read_parquet(getvariable('lake_files_runs'), hive_partitioning = true, union_by_name = true,
                           hive_types = {'run_date': DATE, 'run_id': VARCHAR});
INSERT INTO lake_runs BY NAME
SELECT run_id AS lake_run_id, run_date, lake_format, schema_version, ingested_at
FROM lake_runs_files;

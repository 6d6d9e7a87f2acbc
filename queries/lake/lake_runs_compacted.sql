-- Reading a lake: the runs rows of its compacted months (getvariable('lake_compacted_runs'): one file
-- per month, run_id and run_date as columns), and the ids they cover (their own files are not read).
CREATE OR REPLACE TABLE lake_runs_compacted AS
SELECT * FROM read_parquet(getvariable('lake_compacted_runs'), union_by_name = true);
SELECT run_id AS lake_run_id FROM lake_runs_compacted;

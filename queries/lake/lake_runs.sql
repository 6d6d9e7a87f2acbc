-- Reading a lake: number its committed runs (lake_runs_files, read by src/lake/read.ts from the runs
-- files) as a --db store numbers them, in ingest order (ties: by lake id).
CREATE OR REPLACE TABLE lake_runs AS
SELECT run_id AS lake_run_id, run_date, lake_format, schema_version, ingested_at,
       row_number() OVER (ORDER BY ingested_at, run_id) AS run_no
FROM lake_runs_files;

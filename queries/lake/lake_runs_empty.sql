-- Reading a lake: the table of its committed runs, filled by lake_runs_add_compacted.sql and
-- lake_runs.sql, then numbered by lake_runs_number.sql.
CREATE OR REPLACE TABLE lake_runs (lake_run_id VARCHAR, run_date DATE, lake_format INTEGER,
                                   schema_version INTEGER, ingested_at TIMESTAMPTZ, run_no BIGINT);

-- Reading a lake without runs yet: lake_runs.sql's table, empty.
CREATE OR REPLACE TABLE lake_runs (lake_run_id VARCHAR, run_date DATE, lake_format INTEGER, schema_version INTEGER, run_no BIGINT);

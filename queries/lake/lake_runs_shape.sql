-- Reading a lake: the columns every runs row has for the reader whatever lake format wrote it (the
-- partition keys, the versions, and the manifest of lake format 2: NULL in a format-1 row), as an
-- empty table that src/lake/read.ts unions with the runs files by name into lake_runs_files.
CREATE OR REPLACE TABLE lake_runs_shape (
  run_id VARCHAR, run_date DATE, ingested_at TIMESTAMPTZ, lake_format INTEGER, schema_version INTEGER,
  lake_tables VARCHAR[], lake_started_at TIMESTAMPTZ, lake_scenarios BIGINT, lake_issues BIGINT,
  lake_scenario_keys STRUCT(scenario_id BIGINT, test_group VARCHAR, failure VARCHAR, layout VARCHAR, dir VARCHAR)[]
);

-- `ftparse lake compact`: one table of one month's runs into one file, run_id and run_date as
-- columns, sorted by run_id (row-group statistics then let a reader skip runs it does not need).
-- Variables: lake_compact_small (the runs' own files), lake_file (the target).
COPY (
  SELECT * FROM read_parquet(getvariable('lake_compact_small'), hive_partitioning = true,
                             union_by_name = true, hive_types = {'run_date': DATE, 'run_id': VARCHAR})
  ORDER BY run_id
) TO (getvariable('lake_file')) (FORMAT parquet, COMPRESSION zstd);

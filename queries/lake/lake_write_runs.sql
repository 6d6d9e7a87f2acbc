-- Writing a lake: the run's row, last (its folder is the commit point), with the versions a reader
-- checks (docs/lake.md). Parameters: $file, $lake_format, $schema_version.
SET VARIABLE lake_file = $file;
COPY (SELECT * EXCLUDE (run_id), $lake_format::INTEGER AS lake_format,
             $schema_version::INTEGER AS schema_version
      FROM runs)
  TO (getvariable('lake_file')) (FORMAT parquet, COMPRESSION zstd);

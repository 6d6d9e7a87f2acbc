-- Writing a lake: the run's row, last (its folder is the commit point), with the versions a reader
-- checks and, since lake format 2, the run's manifest (docs/lake.md): the tables it has files for and
-- its run_overview figures, so that a reader listing runs opens no other file of the run.
-- Parameters: $file, $lake_format, $schema_version, $tables.
SET VARIABLE lake_file = $file;
COPY (SELECT r.* EXCLUDE (run_id), $lake_format::INTEGER AS lake_format,
             $schema_version::INTEGER AS schema_version,
             $tables::VARCHAR[] AS lake_tables,
             o.started_at AS lake_started_at, o.scenarios AS lake_scenarios, o.issues AS lake_issues
      FROM runs r JOIN run_overview o USING (run_id))
  TO (getvariable('lake_file')) (FORMAT parquet, COMPRESSION zstd);

-- Writing a lake (src/lake/write.ts): one table of a single-run database to one Parquet file, without
-- run_id (the partition key stands for it). Parameters: $table (from LAKE_TABLES), $file.
SET VARIABLE lake_table = $table;
SET VARIABLE lake_file = $file;
COPY (SELECT COLUMNS(c -> c <> 'run_id') FROM query_table(getvariable('lake_table')))
  TO (getvariable('lake_file')) (FORMAT parquet, COMPRESSION zstd);

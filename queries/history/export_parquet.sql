-- One table to one Parquet file. Parameters: $table (a name from export_tables.sql), $file.
-- COPY takes neither parameters nor a table name as a value, so both go through session variables.
SET VARIABLE export_table = $table;
SET VARIABLE export_file = $file;
COPY (SELECT * FROM query_table(getvariable('export_table')))
  TO (getvariable('export_file')) (FORMAT parquet, COMPRESSION zstd);

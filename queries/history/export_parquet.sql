-- One table to one Parquet file. Parameters: $table (a name from export_tables.sql), $file.
-- ORDER BY ALL: the same store exports to the same bytes (a parallel scan returns rows in any order).
-- COPY takes neither parameters nor a table name as a value, so both go through session variables.
SET VARIABLE export_table = $table;
SET VARIABLE export_file = $file;
COPY (SELECT * FROM query_table(getvariable('export_table')) ORDER BY ALL)
  TO (getvariable('export_file')) (FORMAT parquet, COMPRESSION zstd);

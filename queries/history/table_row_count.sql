-- The number of rows of one table. Parameter: $table (from export_tables.sql).
SELECT count(*) AS n FROM query_table($table);

-- Every row of one table, streamed into the Arrow IPC writer. Parameter: $table (from export_tables.sql).
-- ORDER BY ALL: the same store exports to the same bytes (a parallel scan returns rows in any order).
SELECT * FROM query_table($table) ORDER BY ALL;

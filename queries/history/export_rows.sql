-- Every row of one table, streamed into the Arrow IPC writer. Parameter: $table (from export_tables.sql).
SELECT * FROM query_table($table);

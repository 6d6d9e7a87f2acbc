-- The tables `ftparse export` writes: every table of the database file (not the per-session ones).
SELECT table_name, estimated_size AS rows
FROM duckdb_tables()
WHERE database_name = current_database() AND schema_name = 'main' AND NOT temporary
ORDER BY table_name;

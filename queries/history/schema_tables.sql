-- The tables of the open database file (main schema): tells db.ts which schema version it holds.
SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main';

-- DuckDB's default number of threads (one per core), for a database opened with fewer
-- (src/commands/report.ts: an in-memory report starts with one).
RESET threads;

-- One DuckDB thread per statement while ingest lanes run (threads_restore.sql puts the setting back).
-- Each statement then reads its files in order (client-log line numbers come from that order) and
-- holds little memory; the lanes, one statement each on its own connection, still use every core.
-- (With several threads one NDJSON read held more than twice the memory and was no faster on 2
-- cores: the reader buffers parsed batches to keep them in order. docs/performance.md#measurements-behind-the-code)
SET VARIABLE ftparse_threads = current_setting('threads');
SET threads = 1;

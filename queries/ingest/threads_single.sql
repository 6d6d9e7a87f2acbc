-- One DuckDB thread per statement while ingest lanes run (threads_restore.sql puts the setting back).
-- Each statement then reads its files in order (client-log line numbers come from that order) and
-- holds little memory; the lanes, one statement each on its own connection, still use every core.
-- (With several threads one NDJSON read held ~550 MB instead of ~230 MB on bench/'s 220-scenario
-- tree, and was no faster on 2 cores: the reader buffers parsed batches to keep them in order.)
SET VARIABLE ftparse_threads = current_setting('threads');
SET threads = 1;

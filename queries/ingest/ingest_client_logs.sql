-- Legacy client logs (client_N.log.txt, JSON Lines, one line per request): the fast read.
-- Input: the staging table client_file_stats (measured by src/ingest/readers/clientFileStats.ts). Parameters:
-- $paths, the reader paths of the files to read, $names: how the reader names each file
-- (src/ingest/fs/readerPaths.ts), and $file_nos: its file_no (client_files), zipped by unnest.
--
-- DuckDB's typed NDJSON reader. With ignore_errors it yields one row per non-blank line (NULL columns
-- for lines it cannot parse), in file order, so a line's rank within its file is its line number when
-- the file has as many lines read as it has lines; the files where that may not be so (blank lines, a
-- broken record that swallowed the next line, not UTF-8: client_files_for_exact_read.sql) are parsed
-- again line by line (ingest_client_exact.sql), with their line numbers.
--
-- The read and its typing are client_log_attempts (staging.sql), shared with the fused read; a
-- line's rank within its file is its seq minus the file's first seq, plus one
-- (ingest_client_requests.sql).

SET VARIABLE json_max_object = (SELECT json_object_limit(max(longest_line)) FROM client_file_stats);

-- client_raw holds what the requests are made of, already in their types (status code or error,
-- start and end times, output tokens), and each file by its number: it is the one staging copy of
-- every attempt, so the narrower its rows the less memory a task holds.
CREATE OR REPLACE TEMP TABLE client_raw AS
SELECT f.file_no, seq, NULL::BIGINT AS line_no, time, n_attempts, attempt,
       client_attempt_ok(attempt, n_attempts, st, latency_s) AS attempt_ok,
       client_status_code(status, st) AS status_code, client_error(status, st) AS error,
       latency_s, pod, start_ts, end_ts, output_tokens,
       length(t) AS content_chars,
       coalesce(content_suspect(m, t), FALSE) AS suspect
FROM client_log_attempts($paths) r
-- the file's number for the reader's name
JOIN (SELECT unnest($names) AS name, unnest($file_nos)::INTEGER AS file_no) f ON f.name = r.filename;

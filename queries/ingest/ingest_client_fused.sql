-- Legacy client logs, the fused read: from DuckDB's typed NDJSON read straight to `requests`, each
-- attempt written once (the staged read, ingest_client_logs.sql → ingest_client_requests.sql, writes
-- every attempt to a staging table first). For the files most logs are: every line a `{…}` record,
-- valid UTF-8 (src/ingest/adapters/legacy.ts picks them). Input: client_fused_files (staging.sql).
-- Parameters: $paths, the reader paths in client_fused_files' order, one file each; $tz.
--
-- A row's line number is its rank in the read (one thread: threads_single.sql) minus the lines of the
-- files before it, which holds while every line is read as one row. Whatever the staged read would
-- treat otherwise is written as a marker row instead (attempt -1): a line that is not a request record,
-- an attempt without a status or latency, a time that is not a timestamp, a content length the fast
-- typing may get wrong (content_suspect, staging.sql), or a line number outside its file. A line the
-- reader takes into the record before it leaves that record broken, and shifts every later file's
-- numbers out of range at its first or last row, so no misnumbered file goes unmarked. The marked files
-- lose their rows here and are read again by the staged read (client_fused_redo), which names their
-- issues; the read and its typing are client_log_attempts (staging.sql), as for the staged read; the derived
-- values are those of client_rows.sql and ingest_client_requests.sql: keep them in step.

SET VARIABLE json_max_object = (SELECT json_object_limit(max(longest_line)) FROM client_fused_files);

-- No WHERE: DuckDB would evaluate the tests of `marked` once in the filter and again for the column.
-- A line without attempts (`"results": []`) that is not marked adds a row with attempt -2, deleted below.
INSERT INTO requests
SELECT scenario_id, client, file, line_no,
       CASE WHEN marked THEN -1 WHEN attempt > n_attempts THEN -2 ELSE attempt - 1 END AS attempt,
       TRUE AS counted,
       -- try(): a finite but absurd latency (1e300 s) must not abort the ingest; start is then unknown.
       coalesce(start_ts, try(coalesce(end_ts, logged_ts) - to_seconds(latency_s))) AS start_ts,
       coalesce(end_ts, logged_ts) AS end_ts, logged_ts AS end_ts_logged, latency_s,
       client_status_code(status, st) AS status_code, client_error(status, st) AS error,
       coalesce(length(t) >= 100, FALSE) AS success, length(t) AS content_chars,
       NULL AS ttft_s, NULL AS itl_s, output_tokens, pod
FROM (
  SELECT *,
         time IS NULL OR n_attempts IS NULL OR logged_ts IS NULL
           OR NOT client_attempt_ok(attempt, n_attempts, st, latency_s)
           OR coalesce(content_suspect(m, t), FALSE)
           OR line_no NOT BETWEEN 1 AND lines AS marked
  FROM (
    SELECT f.scenario_id, f.client, f.file, seq - f.first_seq0 AS line_no, f.lines, time, n_attempts, attempt,
           client_logged_ts(time, $tz) AS logged_ts,
           status, st, latency_s, pod, start_ts, end_ts, output_tokens, m, t
    FROM client_log_attempts($paths) r
    JOIN client_fused_files f USING (file_index)
  )
);

-- The marked files: their rows go, and legacy.ts reads them again the staged way.
CREATE OR REPLACE TEMP TABLE client_fused_redo AS
SELECT DISTINCT file FROM requests
WHERE attempt = -1 AND scenario_id IN (SELECT scenario_id FROM client_fused_files);

DELETE FROM requests
WHERE scenario_id IN (SELECT scenario_id FROM client_fused_files)
  AND (attempt < 0 OR file IN (SELECT file FROM client_fused_redo));

DELETE FROM client_fused_files;

-- Last step of the client-log ingest: classify every line, store attempts, record issues.
-- Input: client_rows (client_rows.sql) over client_raw (ingest_client_logs.sql) and the staging tables
-- client_files, client_file_stats. Parameter: $run_id.

-- Lines that are skipped, with the first reason that applies (a line is skipped whole: one attempt
-- without a status or latency drops its other attempts too, as the reference's parser would fail
-- on that line).
CREATE OR REPLACE TEMP TABLE client_bad_lines AS
SELECT f.scenario_id, f.file, r.file_no, client_line_no(r.line_no, r.seq, f.first_seq) AS line_no,
       CASE WHEN bool_or(r.time IS NULL OR r.n_attempts IS NULL)
              THEN 'line skipped: not a request record (invalid or truncated JSON, or no "time"/"results")'
            WHEN bool_or(t.logged_ts IS NULL)
              THEN 'line skipped: "time" is not a timestamp'
            ELSE 'line skipped: an attempt has no "status" or no finite numeric "request_elapsed_time"' END
         AS message
-- Only the failing rows, found on the raw rows alone (few fail), are joined to their file and time.
-- A line's rows share its shape and time, so its failing rows are enough to name the first reason.
FROM (SELECT * FROM client_raw
      WHERE time IS NULL OR n_attempts IS NULL
         OR NOT attempt_ok
         OR time IN (SELECT time FROM client_times WHERE logged_ts IS NULL)) r
JOIN client_file_ranks f USING (file_no)
LEFT JOIN client_times t USING (time)
GROUP BY ALL;

INSERT INTO ingest_issues
SELECT $run_id, scenario_id, file, line_no, 'warning', message FROM client_bad_lines;

INSERT INTO ingest_issues
SELECT $run_id, f.scenario_id, f.file, NULL, 'warning', 'client log is empty: it adds no requests'
FROM client_file_stats s JOIN client_files f USING (file_no)
WHERE s.bytes = 0;

INSERT INTO requests
SELECT scenario_id, client, file, line_no, attempt, TRUE AS counted,
       -- try(): a finite but absurd latency (1e300 s) must not abort the ingest; start is then unknown.
       coalesce(start_from_client, try(end_ts - to_seconds(latency_s))) AS start_ts,
       end_ts, logged_ts AS end_ts_logged, latency_s, status_code, error,
       -- the content length by the reference rule (docs/layouts/legacy.md#success-rule), measured by the reader
       -- (staging.sql: content_text_fast / content_chars_exact)
       coalesce(content_chars >= 100, FALSE) AS success,
       content_chars,
       NULL AS ttft_s, NULL AS itl_s,
       output_tokens,
       pod
FROM (
  SELECT scenario_id, client, file, line_no, logged_ts,
         (attempt - 1)::INTEGER AS attempt,
         latency_s, status_code, error, content_chars, output_tokens,
         -- (start_ts, end_ts: the optional ftparse-runner keys, staging.sql client_ms_ts)
         start_ts AS start_from_client,
         coalesce(end_ts, logged_ts) AS end_ts,
         pod
  -- (an ANTI JOIN: the same as NOT EXISTS, which DuckDB plans as a slower delim join here)
  FROM client_rows r
  ANTI JOIN client_bad_lines b ON b.file_no = r.file_no AND b.line_no = r.line_no
  WHERE is_attempt AND attempt_ok AND logged_ts IS NOT NULL
);

-- The staging copies of the parsed lines are done with: free their memory for the readers that follow.
DROP VIEW client_rows;
DROP TABLE client_bad_lines;
DROP TABLE client_times;
DROP TABLE client_file_ranks;
DROP TABLE client_raw;
-- The manifest is consumed (src/ingest/adapters/legacy.ts reads big trees in several tasks).
DELETE FROM client_files;
DELETE FROM client_file_stats;

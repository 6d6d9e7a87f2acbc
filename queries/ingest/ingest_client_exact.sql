-- The exact path for the client logs listed by client_files_for_exact_read.sql, whose text is loaded
-- into `texts`: every non-blank line is parsed on its own (one line can never swallow the next), with
-- the same typed shape as the fast read (but the message read exactly: content_chars_exact in
-- staging.sql), and replaces that file's rows in client_raw, with its physical line number.

DELETE FROM client_raw
WHERE file_no IN (SELECT f.file_no FROM texts t JOIN client_files f ON f.file = t.filename);

-- the same columns as the fast read computes (ingest_client_logs.sql), from the exact parse
INSERT INTO client_raw
SELECT file_no, NULL AS seq, line_no, time, n_attempts, attempt,
       client_attempt_ok(attempt, n_attempts, st, latency_s) AS attempt_ok,
       client_status_code(status, st) AS status_code, client_error(status, st) AS error,
       latency_s, pod, start_ts, end_ts, output_tokens, content_chars, FALSE AS suspect
FROM (
  SELECT file_no, line_no, j.time, n_attempts, attempt,
         a.status, json_type(a.status) AS st, a.request_elapsed_time AS latency_s, a.pod,
         client_ms_ts(a.start_ms) AS start_ts, client_ms_ts(a.end_ms) AS end_ts,
         TRY_CAST(a.result.usage.completion_tokens AS INTEGER) AS output_tokens,
         content_chars_exact(a.result.choices[1].message) AS content_chars
  FROM (
    SELECT file_no, line_no, j, len(j.results) AS n_attempts, attempt, j.results[attempt] AS a
    FROM (
      SELECT file_no, line_no, j,
             unnest(generate_series(1, greatest(coalesce(len(j.results), 0), 1))) AS attempt
      FROM (
        SELECT f.file_no, l.line_no,
               CASE WHEN json_valid(l.raw) AND json_type(l.raw) = 'OBJECT'
                    THEN json_transform(l.raw, '{"time": "VARCHAR",
                                                 "results": [{"status": "JSON",
                                                              "result": {"choices": [{"message": "MAP(VARCHAR, JSON)"}],
                                                                         "usage": {"completion_tokens": "VARCHAR"}},
                                                              "request_elapsed_time": "DOUBLE", "pod": "VARCHAR",
                                                              "start_ms": "DOUBLE", "end_ms": "DOUBLE"}]}') END AS j
        FROM nonblank_file_lines() l
        JOIN client_files f ON f.file = l.file
      )
    )
  )
);

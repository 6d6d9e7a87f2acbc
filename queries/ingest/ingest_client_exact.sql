-- The exact path for the client logs listed by client_files_for_exact_read.sql, whose text is loaded
-- into `texts`: every non-blank line is parsed on its own (one line can never swallow the next), with
-- the same typed shape as the fast read (but the message read exactly: content_chars_exact in
-- staging.sql), and replaces that file's rows in client_raw, with its physical line number.

DELETE FROM client_raw WHERE file IN (SELECT filename FROM texts);

INSERT INTO client_raw
SELECT file, NULL AS seq, line_no, j.time, n_attempts, attempt,
       a.status, a.request_elapsed_time AS latency_s, a.pod, a.start_ms, a.end_ms,
       a.result.usage.completion_tokens AS completion_tokens,
       content_chars_exact(a.result.choices[1].message) AS content_chars,
       FALSE AS suspect
FROM (
  SELECT file, line_no, j, len(j.results) AS n_attempts, attempt, j.results[attempt] AS a
  FROM (
    SELECT file, line_no, j,
           unnest(generate_series(1, greatest(coalesce(len(j.results), 0), 1))) AS attempt
    FROM (
      SELECT file, line_no,
             CASE WHEN json_valid(raw) AND json_type(raw) = 'OBJECT'
                  THEN json_transform(raw, '{"time": "VARCHAR",
                                             "results": [{"status": "JSON",
                                                          "result": {"choices": [{"message": "MAP(VARCHAR, JSON)"}],
                                                                     "usage": {"completion_tokens": "VARCHAR"}},
                                                          "request_elapsed_time": "DOUBLE", "pod": "VARCHAR",
                                                          "start_ms": "DOUBLE", "end_ms": "DOUBLE"}]}') END AS j
      FROM nonblank_file_lines()
    )
  )
);

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
-- One row per attempt (a line without attempts, or that could not be parsed, gets one row with
-- attempt 1 > n_attempts). `seq` numbers the rows in reader order: the statement runs on one thread
-- (threads_single.sql; ingest lanes give the parallelism), where `row_number() OVER ()` streams, so a
-- line's rank within its file is its seq minus the file's first seq, plus one
-- (ingest_client_requests.sql). (`WITH ORDINALITY` on the reader doubled its cost.)
--
-- Performance (bench/): the columns are typed down to what the metrics read, so that the reader
-- extracts them while parsing, and the attempts are unnested here, where their fields are read with
-- plain struct access: building a list of small structs with list_transform instead made this
-- statement twice as slow. The message is typed STRUCT(content VARCHAR, reasoning_content VARCHAR) and
-- only its length is kept (staging.sql: content_text_fast, and content_suspect for the attempts that
-- must be read exactly); typed MAP(VARCHAR, JSON) it cost much more. Shapes that do not fit (a
-- `result` that is not an object, …) read as NULL fields, not as errors, so such attempts still count
-- as failed, as in the reference.

SET VARIABLE json_max_object = (SELECT json_object_limit(max(longest_line)) FROM client_file_stats);

-- client_raw holds what the requests are made of, already in their types (status code or error,
-- start and end times, output tokens), and each file by its number: it is the one staging copy of
-- every attempt, so the narrower its rows the less memory a task holds.
CREATE OR REPLACE TEMP TABLE client_raw AS
SELECT file_no, seq, NULL::BIGINT AS line_no, time, n_attempts, attempt,
       client_attempt_ok(attempt, n_attempts, st, latency_s) AS attempt_ok,
       client_status_code(status, st) AS status_code, client_error(status, st) AS error,
       latency_s, pod, start_ts, end_ts, output_tokens,
       length(t) AS content_chars,
       coalesce(content_suspect(m, t), FALSE) AS suspect
FROM (
  -- each derived value computed once, in its own layer (see content_suspect in staging.sql)
  SELECT file_no, seq, time, n_attempts, attempt, a.status, json_type(a.status) AS st,
         a.request_elapsed_time AS latency_s, a.pod,
         client_ms_ts(a.start_ms) AS start_ts, client_ms_ts(a.end_ms) AS end_ts,
         TRY_CAST(a.result.usage.completion_tokens AS INTEGER) AS output_tokens,
         m, content_text_fast(m) AS t
  FROM (
  SELECT file_no, seq, time, len(results) AS n_attempts, attempt, results[attempt] AS a,
         results[attempt].result.choices[1].message AS m
  FROM (
    SELECT m.file_no, seq, time, results,
           unnest(generate_series(1, greatest(coalesce(len(results), 0), 1))) AS attempt
    -- the file's number for the reader's name, joined once seq has fixed the reader's order
    FROM (
      SELECT filename, time, results, row_number() OVER () AS seq
      FROM read_json($paths,
             format = 'newline_delimited', ignore_errors = true, filename = true,
             maximum_object_size = getvariable('json_max_object'),
             columns = {time: 'VARCHAR',
                        -- the same shape as the per-line parse in ingest_client_exact.sql, except the
                        -- message (see above): keep them in step
                        results: 'STRUCT(status JSON,
                                         result STRUCT(choices STRUCT(message STRUCT(content VARCHAR,
                                                                                     reasoning_content VARCHAR))[],
                                                       usage STRUCT(completion_tokens VARCHAR)),
                                         request_elapsed_time DOUBLE, pod VARCHAR,
                                         start_ms DOUBLE, end_ms DOUBLE)[]'})
    ) r
    JOIN (SELECT unnest($names) AS name, unnest($file_nos)::INTEGER AS file_no) m
      ON m.name = r.filename
  )
  )
);

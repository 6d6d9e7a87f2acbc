-- Per-ingest staging tables: the file manifests the adapters build (which file belongs to which
-- scenario, service, pod). Temporary: they vanish with the connection and never reach a --db file.
-- file_no: the file's 1-based place in its task's list, which the parsed rows carry instead of the path
-- (a path is a hundred bytes or more, on every attempt of the staging table: src/ingest/adapters/legacy.ts).
CREATE OR REPLACE TEMP TABLE client_files (file VARCHAR, file_no INTEGER, scenario_id BIGINT, client VARCHAR);
-- What src/ingest/readers/clientFileStats.ts measured of each client log: its size, whether it is valid UTF-8,
-- its physical lines (the empty piece after a final newline is not a line) and the longest one.
CREATE OR REPLACE TEMP TABLE client_file_stats (file_no INTEGER, bytes BIGINT, valid BOOLEAN,
                                                lines BIGINT, longest_line BIGINT);
-- The client logs of one fused read (ingest_client_fused.sql), in reader order: file_index is the file's
-- place among the reader's paths (DuckDB's file_index, from 0), first_seq0 the lines of the files before
-- it (a row's line number is its rank in the read minus first_seq0).
CREATE OR REPLACE TEMP TABLE client_fused_files (file_index UBIGINT, file VARCHAR, scenario_id BIGINT,
                                                 client VARCHAR, lines BIGINT, longest_line BIGINT,
                                                 first_seq0 BIGINT);
CREATE OR REPLACE TEMP TABLE client_line_map (file VARCHAR, row_no BIGINT, line_no BIGINT);
-- dialect: legacy | aiperf | events | early (which harness wrote the test log: line format and markers differ).
CREATE OR REPLACE TEMP TABLE test_log_files (file VARCHAR, scenario_id BIGINT, dialect VARCHAR);
-- The last markers of each scenario's test log (ingest_test_logs.sql), kept for the whole ingest: a
-- scenario without a test log (a copied AI-Perf artifact) has no row, and the AI-Perf adapter reads it
-- even when no scenario had one.
CREATE OR REPLACE TEMP TABLE test_log_last (scenario_id BIGINT, start_ts TIMESTAMPTZ, ready_ref_ts TIMESTAMPTZ,
                                            ready_newer_ts TIMESTAMPTZ, fault_ts TIMESTAMPTZ, fault_line VARCHAR);
CREATE OR REPLACE TEMP TABLE pod_log_files (file VARCHAR, scenario_id BIGINT, service VARCHAR, pod VARCHAR,
                                            incarnation VARCHAR);
CREATE OR REPLACE TEMP TABLE metric_files (file VARCHAR, scenario_id BIGINT, service VARCHAR, pod VARCHAR,
                                           snapshot VARCHAR);
-- The text of the files a reader is about to read, loaded once by src/ingest/readers/textFiles.ts
-- (queries/load_texts.sql); files that are not valid UTF-8 are decoded there with U+FFFD.
CREATE OR REPLACE TEMP TABLE texts (filename VARCHAR, content VARCHAR);

-- Every line of the loaded text files, with its 1-based physical line number: the one place where
-- text files are split into lines.
CREATE OR REPLACE TEMP MACRO file_lines() AS TABLE
  SELECT filename AS file, unnest(ls) AS raw, unnest(generate_series(1, len(ls))) AS line_no
  FROM (SELECT filename, string_split(content, chr(10)) AS ls FROM texts);

-- AI-Perf run folders (G1 client attempts, G2 loads) and their per-request record files.
CREATE OR REPLACE TEMP TABLE load_dirs (scenario_id BIGINT, client VARCHAR, attempt INTEGER, dir VARCHAR,
                                        counted BOOLEAN, aggregate_file VARCHAR, records_file VARCHAR);
-- Pod log files Dynamo's AI-Perf parser reads for its Recovery (the fault target's folder), by role:
-- previous (…previous.log: last lines) or current (other …log except …metrics.log: first lines).
CREATE OR REPLACE TEMP TABLE container_gap_files (file VARCHAR, scenario_id BIGINT, service VARCHAR,
                                                  pod VARCHAR, role VARCHAR);
-- Server-metrics scrape files (events layout) and the pod behind each endpoint address (pod YAML podIP).
CREATE OR REPLACE TEMP TABLE server_metric_files (file VARCHAR, scenario_id BIGINT);
CREATE OR REPLACE TEMP TABLE endpoint_pods (scenario_id BIGINT, host VARCHAR, service VARCHAR, pod VARCHAR);
-- fault_tolerance_report.json files (events layout).
CREATE OR REPLACE TEMP TABLE report_files (file VARCHAR, scenario_id BIGINT);

-- maximum_object_size for DuckDB's NDJSON reader. The reader reserves a buffer of twice that size per
-- thread, and that reservation counts against memory_limit (db.ts caps it): a fixed 256 MiB needed
-- 512 MiB per thread, i.e. 1 GiB on 2 threads and 8 GiB on 16, before reading a byte. So the limit is
-- the longest line actually present (+ slack), at least 1 MiB, at most 256 MiB (lines beyond that are
-- refused, as before).
CREATE OR REPLACE TEMP MACRO json_object_limit(longest_line) AS
  least(greatest(coalesce(longest_line, 0) + 1024, 1048576), 268435456)::BIGINT;

-- The longest line of the files `paths` names, in bytes. A file's size bounds its lines, so only files
-- over 16 MiB are read and split (rare: AI-Perf records of long runs); their text is read as bytes
-- (see load_texts.sql for why) and a file that is not valid UTF-8 counts with its size.
CREATE OR REPLACE TEMP MACRO longest_line_bytes(paths) AS TABLE
  SELECT max(CASE WHEN size <= 16777216 THEN size
                  ELSE coalesce(list_max(list_transform(string_split(try(decode(content)), chr(10)),
                                                        l -> strlen(l))), size) END) AS bytes
  FROM read_blob(paths);

-- The non-blank lines of the loaded text files. Blank = only the characters DuckDB's NDJSON reader
-- skips as whitespace (space, \t, \v, \f, \r): with any other notion a line of "\f" would shift every
-- later row → line mapping by one. Used wherever rows of read_json are matched back to lines.
CREATE OR REPLACE TEMP MACRO nonblank_file_lines() AS TABLE
  SELECT * FROM file_lines() WHERE trim(raw, ' ' || chr(9) || chr(11) || chr(12) || chr(13)) <> '';

-- The "content" of a client attempt's choices[0].message and its length, by the reference's rule
-- (docs/layouts/legacy.md#success-rule): `content` if the key exists, even when null or ""; `reasoning_content` only when
-- `content` is absent; success needs a JSON string of ≥ 100 characters.
--
-- content_chars_exact reads a message typed MAP(VARCHAR, JSON): the map tells whether a key exists and
-- the JSON value its type. It is exact but slow (every message value is re-serialised as JSON text and
-- parsed again), so the fast NDJSON read (ingest_client_logs.sql) types the message
-- STRUCT(content VARCHAR, reasoning_content VARCHAR) and takes the length of content_text_fast, the same
-- number except where content_suspect says it may not be:
-- - `content` NULL with a `reasoning_content`: a missing and a null `content` both read as NULL, and
--   the rule treats them differently;
-- - a value that is not a JSON string reads as its text: an object or array as its JSON (which starts
--   with `{` or `[`), a number or true/false as such. Strings that merely look like these are
--   suspect too.
-- Files with a suspect attempt are parsed again exactly (client_files_for_exact_read.sql).
CREATE OR REPLACE TEMP MACRO content_chars_exact(m) AS
  CASE WHEN map_contains(m, 'content')
         THEN CASE WHEN json_type(map_extract_value(m, 'content')) = 'VARCHAR'
                   THEN length(json_extract_string(map_extract_value(m, 'content'), '$')) END
       ELSE CASE WHEN json_type(map_extract_value(m, 'reasoning_content')) = 'VARCHAR'
                 THEN length(json_extract_string(map_extract_value(m, 'reasoning_content'), '$')) END
  END;
-- The fast typing's content text: `content`, or `reasoning_content` when `content` reads as NULL.
CREATE OR REPLACE TEMP MACRO content_text_fast(m) AS coalesce(m.content, m.reasoning_content);
-- `m` the message, `t` its content_text_fast (computed once by the caller: every use of a macro
-- argument evaluates it again, and these run for every attempt).
CREATE OR REPLACE TEMP MACRO content_suspect(m, t) AS
  (m.content IS NULL AND m.reasoning_content IS NOT NULL)
  -- 91 `[`, 123 `{`; 45 `-` and 48–57 digits: a number's text (full match only for those). (Not an IN
  -- list: DuckDB plans a long one as a join, a large share of this macro's cost.)
  OR CASE WHEN ascii(t) = 91 OR ascii(t) = 123 THEN TRUE
          WHEN ascii(t) = 45 OR ascii(t) BETWEEN 48 AND 57
            THEN regexp_full_match(t, '-?[0-9][0-9.eE+-]*')
          ELSE t IN ('true', 'false') END;

-- Whether a client row's attempt can be counted: it has a `status` and a finite numeric
-- `request_elapsed_time` (rows past n_attempts stand for a line without attempts: nothing to check).
-- `st`: json_type(status), computed once by the caller (as for the two macros below).
CREATE OR REPLACE TEMP MACRO client_attempt_ok(attempt, n_attempts, st, latency_s) AS
  attempt > n_attempts OR (coalesce(st <> 'NULL', FALSE) AND coalesce(isfinite(latency_s), FALSE));
-- An attempt's `status`: an HTTP status code when it is an integer, else the error it holds (a string's
-- text, or any other value's JSON).
CREATE OR REPLACE TEMP MACRO client_status_code(status, st) AS
  CASE WHEN st IN ('UBIGINT', 'BIGINT') THEN TRY_CAST(status AS INTEGER) END;
CREATE OR REPLACE TEMP MACRO client_error(status, st) AS
  CASE WHEN st = 'VARCHAR' THEN json_extract_string(status, '$')
       WHEN st NOT IN ('UBIGINT', 'BIGINT') THEN status::VARCHAR END;
-- The optional ftparse-runner keys start_ms / end_ms (epoch milliseconds) as times; out of range or
-- non-finite values are ignored, not fatal.
CREATE OR REPLACE TEMP MACRO client_ms_ts(ms) AS try(to_timestamp(ms / 1000.0));
-- A client line's `time` (`logged`): naive runner-local time (read in `tz`) unless it carries its own zone.
CREATE OR REPLACE TEMP MACRO client_logged_ts(logged, tz) AS
  CASE WHEN regexp_matches(logged, '[T ]\d\d:\d\d.*(Z|[+-]\d\d:?\d\d)$')
       THEN TRY_CAST(logged AS TIMESTAMPTZ)
       ELSE timezone(tz, TRY_CAST(logged AS TIMESTAMP)) END;

-- The client logs `paths` as DuckDB's typed NDJSON reader reads them (the fast read of
-- ingest_client_logs.sql and the fused read of ingest_client_fused.sql): one row per attempt, or per
-- line without one or that could not be parsed (attempt 1 > n_attempts), with the file as the reader
-- names it (`filename`) and numbers it (`file_index`), and `seq` numbering the lines in reader order
-- (one thread, threads_single.sql: `row_number() OVER ()` streams; `WITH ORDINALITY` on the reader
-- doubled its cost). Reads up to getvariable('json_max_object') bytes a line.
--
-- The columns are typed down to what the metrics read, so that the reader extracts them while
-- parsing, and the attempts are unnested here, where their fields are read with plain struct access
-- (a list of small structs built with list_transform made the read twice as slow). The message is
-- typed STRUCT(content VARCHAR, reasoning_content VARCHAR) and only its text `t` is kept
-- (content_text_fast, content_suspect above); typed MAP(VARCHAR, JSON) it cost much more. Shapes that
-- do not fit (a `result` that is not an object, …) read as NULL fields, not as errors, so such
-- attempts still count as failed, as in the reference. Each derived value is computed once, in its
-- own layer (every use of a macro argument evaluates it again).
CREATE OR REPLACE TEMP MACRO client_log_attempts(paths) AS TABLE
SELECT filename, file_index, seq, time, n_attempts, attempt, a.status, json_type(a.status) AS st,
       a.request_elapsed_time AS latency_s, a.pod,
       client_ms_ts(a.start_ms) AS start_ts, client_ms_ts(a.end_ms) AS end_ts,
       TRY_CAST(a.result.usage.completion_tokens AS INTEGER) AS output_tokens,
       m, content_text_fast(m) AS t
FROM (
  SELECT filename, file_index, seq, time, len(results) AS n_attempts, attempt, results[attempt] AS a,
         results[attempt].result.choices[1].message AS m
  FROM (
    SELECT filename, file_index, seq, time, results,
           unnest(generate_series(1, greatest(coalesce(len(results), 0), 1))) AS attempt
    FROM (
      SELECT filename, file_index, time, results, row_number() OVER () AS seq
      FROM read_json(paths,
             format = 'newline_delimited', ignore_errors = true,
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
    )
  )
);

-- A client row's physical line number: a fast-read row's rank in its file (seq counts rows in reader
-- order, a line's rows share its seq; first_seq: the file's first), an exact-read row carries its own.
CREATE OR REPLACE TEMP MACRO client_line_no(line_no, seq, first_seq) AS coalesce(line_no, seq - first_seq + 1);

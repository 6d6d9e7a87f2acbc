-- Legacy client logs (client_N.log.txt, JSON Lines, one line per request) → requests + ingest_issues.
-- Input: the staging table client_files(file, scenario_id, client). Parameter: $paths, the reader paths
-- of those files (one glob per scenario directory where safe: see src/ingest/readerPaths.ts).
--
-- Fast path: DuckDB's typed NDJSON reader. With ignore_errors it yields one row per non-blank line
-- (NULL columns for lines it cannot parse), in file order, so a row's rank within its file is its line
-- number unless the file has blank lines, or a broken record swallowed the next line; the few files
-- where that may be (client_files_for_exact_read.sql) are parsed again line by line
-- (ingest_client_exact.sql), which also fills client_line_map.
--
-- The rank is not computed here: `WITH ORDINALITY` on the reader doubles its cost (≈ 1.5 s more on the
-- bench/ 220-scenario tree) and a window over every row copies the parsed attempts once more. DuckDB
-- keeps insertion order (preserve_insertion_order, on by default: ftparse never turns it off), so the
-- rows of this table are stored in reader order and `rowid` counts lines; ingest_client_requests.sql
-- turns it into a rank with each file's first rowid.
--
-- Performance (bench/): the columns are typed down to what the metrics read, so that DuckDB's reader
-- extracts them while parsing instead of keeping `result` as JSON text to be re-parsed by json_*
-- functions for every attempt. `message` is a MAP so that the reference's rule "`content` if the key
-- exists, even when null" can still see whether the key exists; its values stay JSON so their type can
-- be checked. Shapes that do not fit (a `result` that is not an object, …) read as NULL fields, not as
-- errors, so such attempts still count as failed, as in the reference.

-- A first, cheaper read of the same bytes: which files are empty, which are not valid UTF-8 (their
-- text is decoded by src/ingest/textFiles.ts), and which may hold blank lines (the reader skips them,
-- shifting the rank → line mapping). No line splitting or counting: a blank or whitespace-only line
-- can only start the file or follow a newline with one of newline, CR, space, tab, VT or FF (the
-- whitespace DuckDB's NDJSON reader skips). The test is conservative (a false alarm only costs the
-- exact line map of that file) and never misses such a line. It also measures the longest line, for the
-- typed reader's maximum_object_size (json_object_limit in staging.sql): a file's size bounds its lines,
-- so only files over 16 MiB are split into lines.
CREATE OR REPLACE TEMP TABLE client_file_stats AS
SELECT f.file,
       f.scenario_id,
       coalesce(t.bytes, 0) AS bytes,
       coalesce(t.valid, TRUE) AS valid,
       coalesce(t.maybe_blank, FALSE) AS maybe_blank,
       t.longest_line
FROM client_files f
LEFT JOIN (
  SELECT filename AS file,
         octet_length(content) AS bytes,
         text IS NOT NULL AS valid,
         text IS NULL
           OR regexp_matches(left(text, 1), '^[\n\r \t\v\f]')
           OR contains(text, chr(10) || chr(10)) OR contains(text, chr(10) || chr(13))
           OR contains(text, chr(10) || ' ') OR contains(text, chr(10) || chr(9))
           OR contains(text, chr(10) || chr(11)) OR contains(text, chr(10) || chr(12)) AS maybe_blank,
         CASE WHEN octet_length(content) <= 16777216 THEN octet_length(content)
              ELSE coalesce(list_max(list_transform(string_split(text, chr(10)), l -> strlen(l))),
                            octet_length(content)) END AS longest_line
  FROM (SELECT filename, content, try(decode(content)) AS text FROM read_blob($paths))
) t ON t.file = f.file;

CREATE OR REPLACE TEMP TABLE client_line_map (file VARCHAR, row_no BIGINT, line_no BIGINT);

SET VARIABLE json_max_object = (SELECT json_object_limit(max(longest_line)) FROM client_file_stats);

-- One thread for this read (the session's setting is restored after it). With several, DuckDB parses
-- files in parallel and holds the parsed batches until they can be stored in order: on bench/'s
-- 220-scenario tree that doubled the process's peak memory (~550 MB instead of ~230 MB for this
-- statement alone) and was no faster on 2 cores (0.74–0.86 s on one thread, 1.03–1.17 s on two).
SET VARIABLE ftparse_threads = current_setting('threads');
SET threads = 1;

CREATE OR REPLACE TEMP TABLE client_raw AS
SELECT filename AS file,
       time,
       results
FROM read_json($paths,
       format = 'newline_delimited', ignore_errors = true, filename = true,
       maximum_object_size = getvariable('json_max_object'),
       columns = {time: 'VARCHAR',
                  -- the same shape as the per-line parse in ingest_client_exact.sql: keep them in step
                  results: 'STRUCT(status JSON,
                                   result STRUCT(choices STRUCT(message MAP(VARCHAR, JSON))[],
                                                 usage STRUCT(completion_tokens VARCHAR)),
                                   request_elapsed_time DOUBLE, pod VARCHAR,
                                   start_ms DOUBLE, end_ms DOUBLE)[]'});

SET threads = getvariable('ftparse_threads');

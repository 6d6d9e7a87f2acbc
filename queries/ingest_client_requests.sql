-- Second half of the client-log ingest: classify every line, store attempts, record issues.
-- Parameters: $tz, $run_id.

CREATE OR REPLACE TEMP TABLE client_lines AS
SELECT f.scenario_id,
       f.client,
       r.file,
       coalesce(m.line_no, r.row_no) AS line_no,
       r.rowid AS raw_row,  -- the parsed attempts stay in client_raw (no second copy): joined back below
       -- `time` is naive runner-local time (read in $tz) unless it carries its own zone.
       CASE WHEN regexp_matches(r.time, '[T ]\d\d:\d\d.*(Z|[+-]\d\d:?\d\d)$')
            THEN TRY_CAST(r.time AS TIMESTAMPTZ)
            ELSE timezone($tz, TRY_CAST(r.time AS TIMESTAMP)) END AS logged_ts,
       r.time IS NOT NULL AND r.results IS NOT NULL AS has_shape,
       coalesce(list_bool_and(list_transform(r.results,
         a -> a.status IS NOT NULL AND json_type(a.status) <> 'NULL'
              AND coalesce(isfinite(a.request_elapsed_time), FALSE))), TRUE) AS attempts_ok
FROM (
  -- rank of the row within its file (client_raw is stored in reader order: see ingest_client_logs.sql)
  SELECT c.rowid, c.file, c.time, c.results, c.rowid - s.first_rowid + 1 AS row_no
  FROM client_raw c
  JOIN (SELECT file, min(rowid) AS first_rowid FROM client_raw GROUP BY file) s USING (file)
) r
JOIN client_files f ON f.file = r.file
LEFT JOIN client_line_map m ON m.file = r.file AND m.row_no = r.row_no;

INSERT INTO ingest_issues
SELECT $run_id, scenario_id, file, line_no, 'warning',
       CASE WHEN NOT has_shape
              THEN 'line skipped: not a request record (invalid or truncated JSON, or no "time"/"results")'
            WHEN logged_ts IS NULL
              THEN 'line skipped: "time" is not a timestamp'
            ELSE 'line skipped: an attempt has no "status" or no finite numeric "request_elapsed_time"' END
FROM client_lines
WHERE NOT (has_shape AND logged_ts IS NOT NULL AND attempts_ok);

INSERT INTO ingest_issues
SELECT $run_id, f.scenario_id, f.file, NULL, 'warning', 'client log is empty: it adds no requests'
FROM client_file_stats s JOIN client_files f USING (file)
WHERE s.bytes = 0;

INSERT INTO requests
SELECT scenario_id, client, file, line_no, attempt, TRUE AS counted,
       -- try(): a finite but absurd latency (1e300 s) must not abort the ingest; start is then unknown.
       coalesce(start_from_client, try(end_ts - to_seconds(latency_s))) AS start_ts,
       end_ts, logged_ts AS end_ts_logged, latency_s, status_code, error,
       coalesce(length(content) >= 100, FALSE) AS success,
       length(content) AS content_chars,
       NULL AS ttft_s, NULL AS itl_s,
       TRY_CAST(completion_tokens AS INTEGER) AS output_tokens,
       pod
FROM (
  SELECT *,
         coalesce(end_from_client, logged_ts) AS end_ts,
         -- Reference rule (legacy-layout §2.1): `content` if the key exists, even when null or "";
         -- `reasoning_content` only when `content` is absent; success needs a string ≥ 100 chars.
         -- (message is a MAP(VARCHAR, JSON): only the small values are parsed here.)
         CASE WHEN map_contains(message, 'content')
                THEN CASE WHEN json_type(map_extract_value(message, 'content')) = 'VARCHAR'
                          THEN json_extract_string(map_extract_value(message, 'content'), '$') END
              ELSE CASE WHEN json_type(map_extract_value(message, 'reasoning_content')) = 'VARCHAR'
                        THEN json_extract_string(map_extract_value(message, 'reasoning_content'), '$') END
         END AS content
  FROM (
    SELECT scenario_id, client, file, line_no, logged_ts,
           (k - 1)::INTEGER AS attempt,
           a.request_elapsed_time AS latency_s,
           CASE WHEN json_type(a.status) IN ('UBIGINT', 'BIGINT') THEN TRY_CAST(a.status AS INTEGER) END
             AS status_code,
           CASE WHEN json_type(a.status) = 'VARCHAR' THEN json_extract_string(a.status, '$')
                WHEN json_type(a.status) NOT IN ('UBIGINT', 'BIGINT') THEN a.status::VARCHAR END AS error,
           a.result.choices[1].message AS message,
           a.result.usage.completion_tokens AS completion_tokens,
           -- Optional ftparse-runner keys; out of range or non-finite values are ignored, not fatal.
           try(to_timestamp(a.start_ms / 1000.0)) AS start_from_client,
           try(to_timestamp(a.end_ms / 1000.0)) AS end_from_client,
           a.pod AS pod
    -- Attempts: unnest in the select list, zipped with their 1-based index. (A lateral
    -- `FROM client_lines, unnest(results) WITH ORDINALITY` computes the same but ~20x slower.)
    FROM (SELECT l.scenario_id, l.client, l.file, l.line_no, l.logged_ts,
                 unnest(r.results) AS a, generate_subscripts(r.results, 1) AS k
          FROM client_lines l JOIN client_raw r ON r.rowid = l.raw_row
          WHERE l.has_shape AND l.logged_ts IS NOT NULL AND l.attempts_ok)
  )
);

-- The staging copies of the parsed lines are done with: free their memory for the readers that follow
-- (together they were most of the ingest's peak memory on bench/'s trees).
DROP TABLE client_lines;
DROP TABLE client_raw;
-- The manifest is consumed (src/ingest/legacy.ts reads big trees in several passes).
DELETE FROM client_files;

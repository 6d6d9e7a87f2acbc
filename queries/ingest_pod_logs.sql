-- Pod logs (<pod>.log, .previous.log, .before_delete.*) → log_lines, and ready-pattern hits → events.
-- Input: staging table pod_log_files(file, scenario_id, service, pod, incarnation).
-- Parameters: $files, $readable (see file_lines in staging.sql), $run_id.
-- Line rule (legacy-layout §4.1): a JSON object with a `time` key gives the timestamp and `message`;
-- otherwise the "readable" fallback: strip ANSI colour codes, the first whitespace token must be an
-- ISO timestamp, the message is the remaining tokens joined by single spaces. Pod times are UTC; the
-- session time zone is UTC, so stamps without a zone are read as UTC. Every line is kept (ts NULL when
-- it has none): tracebacks and progress bars are not input errors. Two kinds of line are issues,
-- because they look like log records that could have held a ready line: a JSON object whose `time`
-- is not a timestamp (the reference parser crashes on those), and a line starting with `{"` that is
-- not valid JSON (a record cut off by a crash or a half-copied file).

CREATE OR REPLACE TEMP TABLE pod_log_parsed AS
WITH lines AS (SELECT file, raw, line_no FROM file_lines($readable, $files)),
parsed AS (
  SELECT file, line_no, trim(raw, ' ' || chr(9) || chr(13)) AS line,
         CASE WHEN starts_with(ltrim(raw), '{') AND json_valid(raw) AND json_type(raw) = 'OBJECT'
              THEN raw::JSON END AS j
  FROM lines
),
fields AS (
  SELECT file, line_no, line, j,
         CASE WHEN j IS NOT NULL AND json_type(j, '$.time') = 'VARCHAR'
              THEN TRY_CAST(json_extract_string(j, '$.time') AS TIMESTAMPTZ) END AS json_ts,
         regexp_split_to_array(trim(regexp_replace(line, '\x1b\[[^m]*m', '', 'g')), '\s+') AS tokens
  FROM parsed
  WHERE line <> ''
)
SELECT p.scenario_id, p.service, p.pod, p.incarnation, f.file, f.line_no,
       CASE WHEN f.json_ts IS NOT NULL THEN f.json_ts
            WHEN f.j IS NOT NULL AND json_exists(f.j, '$.time') THEN NULL  -- JSON with an unreadable time
            WHEN len(f.tokens) >= 2 AND regexp_matches(f.tokens[1], '^\d{4}-\d\d-\d\d')
              THEN TRY_CAST(f.tokens[1] AS TIMESTAMPTZ) END AS ts,
       CASE WHEN f.j IS NOT NULL THEN json_extract_string(f.j, '$.level') END AS level,
       CASE WHEN f.j IS NOT NULL THEN coalesce(json_extract_string(f.j, '$.message'), '')
            WHEN len(f.tokens) >= 2 AND regexp_matches(f.tokens[1], '^\d{4}-\d\d-\d\d')
                 AND TRY_CAST(f.tokens[1] AS TIMESTAMPTZ) IS NOT NULL
              THEN array_to_string(f.tokens[2:], ' ')
            ELSE f.line END AS message,
       f.line, f.j IS NOT NULL AS has_json, f.j IS NOT NULL AND json_exists(f.j, '$.time') AS has_time_key
FROM fields f JOIN pod_log_files p ON p.file = f.file;

INSERT INTO log_lines
SELECT scenario_id, service, pod, incarnation, file, line_no, ts, level, message FROM pod_log_parsed;

INSERT INTO ingest_issues
SELECT $run_id, scenario_id, file, line_no, 'warning',
       CASE WHEN has_json THEN 'pod log line without a readable "time": it cannot count for Recovery'
            ELSE 'pod log line looks like a cut-off JSON record: skipped' END
FROM pod_log_parsed
WHERE ts IS NULL AND (has_json AND has_time_key OR NOT has_json AND starts_with(line, '{"'));

-- Ready-pattern hits in the folders the reference parser visits (queries the same log_lines the
-- summary uses, so the timeline and Recovery can never disagree).
INSERT INTO events
SELECT l.scenario_id, l.ts, 'ready_line', l.service, l.pod, l.incarnation || ': ' || l.message
FROM log_lines l
JOIN ready_patterns r ON r.service = l.service
WHERE l.scenario_id IN (SELECT scenario_id FROM pod_log_files)
  AND l.ts IS NOT NULL AND regexp_matches(l.message, r.pattern);

-- The manifest is consumed: a later adapter in the same ingest must not see these files again
-- (the ready-line insert above selects by scenario).
DELETE FROM pod_log_files;

-- Pod logs (<pod>.log, .previous.log, .before_delete.*) → log_lines, and ready-pattern hits → events.
-- Input: staging table pod_log_files(file, scenario_id, service, pod, incarnation).
-- Reads the text loaded into `texts`.
-- Parameters: $run_id; $keep_all: store every line in log_lines (a --db store), or only the lines the
-- metrics can use (the in-memory report: the metrics read ready lines only, and parsing every line
-- was most of the pod-log cost).
-- Line rule (docs/layouts/legacy.md#ready-lines): a JSON object with a `time` key gives the timestamp and `message`;
-- otherwise the "readable" fallback: strip ANSI colour codes, the first whitespace token must be an
-- ISO timestamp, the message is the remaining tokens joined by single spaces. Pod times are UTC; the
-- session time zone is UTC, so stamps without a zone are read as UTC. Lines without a timestamp are
-- kept too (ts NULL): tracebacks and progress bars are not input errors.
--
-- Ready candidates: lines matching the ready patterns as raw text (ready_any, reference_data.sql) —
-- a superset of the lines whose parsed message matches, except a ready phrase written with JSON
-- escapes (`\u0020`) or colour codes inside a word. Only candidates can become ready lines, in
-- both modes, so a report and a --db store of the same tree agree. Two kinds of line are issues,
-- because they may have held a ready line: a candidate JSON record whose `time` is not a timestamp
-- (the reference parser crashes on those), and any line starting with `{"` that is not valid JSON (a
-- record cut off by a crash or a half-copied file: its ready phrase may be what was cut off).

-- Performance: each JSON line is parsed by json_valid and once more by one json_extract_string with a
-- list of paths (cheaper than TRY_CAST(line AS JSON), which also re-serialises the document); the
-- whitespace tokens of the readable fallback are only computed for lines that start with a date once
-- colour codes are stripped (the only lines whose first token can be a timestamp: the others keep
-- their line as message). The colour codes are only stripped from lines holding an ESC character.
CREATE OR REPLACE TEMP TABLE pod_log_parsed AS
WITH lines AS (
  -- the lean filter runs on the raw line, before any per-line work (json_valid ignores the spaces,
  -- tabs and CRs that trim removes)
  SELECT file, line_no, raw, trim(raw, ' ' || chr(9) || chr(13)) AS line, ready_candidate
  FROM (SELECT *,
               -- ready_words first: a cheap necessary condition (reference_data.sql)
               (getvariable('ready_words') IS NULL
                OR list_bool_or([contains(raw, w) FOR w IN getvariable('ready_words')]))
               AND regexp_matches(raw, getvariable('ready_any')) AS ready_candidate
        FROM file_lines())
  WHERE $keep_all OR ready_candidate
     OR (contains(raw, '{"') AND starts_with(ltrim(raw, ' ' || chr(9)), '{"') AND NOT json_valid(raw))
),
parsed AS (
  SELECT file, line_no, line, ready_candidate,
         starts_with(line, '{') AND json_valid(line) AS is_json
  FROM lines
  -- non-blank: most lines show it by their first character, without trimming a copy of the line (a
  -- CASE, so that DuckDB does not reorder the cheap test after the trim, as it does an OR's)
  WHERE CASE WHEN raw <> '' AND ascii(raw) NOT IN (32, 9, 13) THEN TRUE ELSE line <> '' END
),
fields AS (
  SELECT file, line_no, line, ready_candidate, is_json, f,
         TRY_CAST(f[1] AS TIMESTAMPTZ) AS json_ts,
         CASE WHEN NOT is_json
               AND regexp_matches(CASE WHEN contains(line, chr(27)) THEN regexp_replace(line, '\x1b\[[^m]*m', '', 'g')
                                       ELSE line END, '^ *\d{4}-\d\d-\d\d')
              THEN regexp_split_to_array(trim(regexp_replace(line, '\x1b\[[^m]*m', '', 'g')), '\s+') END AS tokens
  FROM (SELECT *, CASE WHEN is_json THEN json_extract_string(line, ['$.time', '$.level', '$.message']) END AS f
        FROM parsed)
)
SELECT p.scenario_id, p.service, p.pod, p.incarnation, x.file, x.line_no,
       CASE WHEN x.is_json THEN x.json_ts
            WHEN x.readable_ts IS NOT NULL THEN x.readable_ts END AS ts,
       x.f[2] AS level,
       CASE WHEN x.is_json THEN coalesce(x.f[3], '')
            WHEN x.readable_ts IS NOT NULL THEN array_to_string(x.tokens[2:], ' ')
            ELSE x.line END AS message,
       x.line, x.is_json AS has_json, x.ready_candidate,
       -- only looked at where no timestamp was read (rare): a JSON record with a `time` key
       -- (a CASE, not AND: json_exists on a line that is not JSON is an error, and AND may evaluate both)
       CASE WHEN x.is_json AND x.json_ts IS NULL THEN json_exists(x.line, '$.time') ELSE FALSE END AS has_time_key
FROM (
  SELECT *,
         CASE WHEN NOT is_json AND len(tokens) >= 2 AND regexp_matches(tokens[1], '^\d{4}-\d\d-\d\d')
              THEN TRY_CAST(tokens[1] AS TIMESTAMPTZ) END AS readable_ts
  FROM fields
) x JOIN pod_log_files p ON p.file = x.file;

INSERT INTO log_lines
SELECT scenario_id, service, pod, incarnation, file, line_no, ts, level, message FROM pod_log_parsed;

INSERT INTO ingest_issues
SELECT $run_id, scenario_id, file, line_no, 'warning',
       CASE WHEN has_json THEN 'pod log line without a readable "time": it cannot count for Recovery'
            ELSE 'pod log line looks like a cut-off JSON record: skipped' END
FROM pod_log_parsed
WHERE ts IS NULL AND (has_json AND has_time_key AND ready_candidate OR NOT has_json AND starts_with(line, '{"'));

-- Ready-pattern hits in the folders the reference parser visits: the events Recovery, Startup checks
-- and the timeline read. Per service pattern, on the parsed message, of the candidates only.
INSERT INTO events
SELECT l.scenario_id, l.ts, 'ready_line', l.service, l.pod, l.incarnation || ': ' || l.message
FROM pod_log_parsed l
JOIN ready_patterns r ON r.service = l.service
WHERE l.ready_candidate AND l.ts IS NOT NULL AND regexp_matches(l.message, r.pattern);

-- The parsed lines are stored in log_lines: free the staging copy (and the texts they came from).
DROP TABLE pod_log_parsed;
DELETE FROM texts;

-- The manifest is consumed: a later adapter in the same ingest must not see these files again
-- (the ready-line insert above selects by scenario).
DELETE FROM pod_log_files;

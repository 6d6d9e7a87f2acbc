-- The early local suite's watcher.log.txt (docs/layouts/early-local.md) → metrics rows.
-- Reads the text loaded into `texts`; the files' scenarios come from the texts' file names through
-- $files/$scenario_ids. Parameters: $tz, $run_id, $files, $scenario_ids.
-- One JSON object per line: {"time": "<naive local time>", "metrics": [[<worker>, {…}], …]}. Each
-- [worker, values] pair holding num_requests_waiting becomes a row named num_requests_waiting (service
-- 'watcher', pod = the worker as written), with request_active_slots kept in its labels: Dynamo's parser
-- of that generation averages the queue lengths of the pairs whose request_active_slots is above 0
-- (view watcher_pending). Lines that are not JSON objects are skipped, as that parser skips them.
CREATE OR REPLACE TEMP TABLE watcher_entries AS
WITH files AS (
  SELECT unnest($files::VARCHAR[]) AS file, unnest($scenario_ids::BIGINT[]) AS scenario_id
),
lines AS (
  SELECT f.scenario_id, l.file, l.line_no, trim(l.raw) AS line
  FROM file_lines() l JOIN files f USING (file)
),
records AS (
  SELECT scenario_id, file, line_no,
         json_extract_string(line, '$.time') AS time,
         json_extract(line, '$.metrics') AS metrics
  FROM lines
  WHERE starts_with(line, '{') AND json_valid(line)
)
SELECT scenario_id, file, line_no, time,
       CASE WHEN regexp_matches(time, '[T ]\d\d:\d\d.*(Z|[+-]\d\d:?\d\d)$') THEN TRY_CAST(time AS TIMESTAMPTZ)
            ELSE timezone($tz, TRY_CAST(replace(time, 'T', ' ') AS TIMESTAMP)) END AS ts,
       unnest(CASE WHEN json_type(metrics) = 'ARRAY' THEN CAST(metrics AS JSON[]) END) AS pair
FROM records;

INSERT INTO ingest_issues
SELECT DISTINCT $run_id, scenario_id, file, line_no, 'warning',
       'watcher line skipped: "time" is not a timestamp'
FROM watcher_entries WHERE ts IS NULL AND pair IS NOT NULL;

-- A line that starts like a record but is not valid JSON was cut off (a killed run): its queue lengths
-- are lost, so say so. Other text lines (the watcher's own messages) are skipped quietly.
INSERT INTO ingest_issues
SELECT $run_id, f.scenario_id, l.file, l.line_no, 'warning',
       'watcher line skipped: a cut-off JSON record (its queue lengths are not counted)'
FROM file_lines() l JOIN (SELECT unnest($files::VARCHAR[]) AS file, unnest($scenario_ids::BIGINT[]) AS scenario_id) f
  USING (file)
WHERE starts_with(trim(l.raw), '{') AND NOT json_valid(trim(l.raw));

INSERT INTO metrics
SELECT scenario_id, 'watcher', coalesce(json_extract_string(pair, '$[0]'), ''), 'watcher', ts,
       'num_requests_waiting',
       MAP {'request_active_slots': json_extract_string(pair, '$[1].request_active_slots'),
            'line': CAST(line_no AS VARCHAR)},
       TRY_CAST(json_extract_string(pair, '$[1].num_requests_waiting') AS DOUBLE)
FROM watcher_entries
WHERE ts IS NOT NULL AND json_array_length(pair) = 2
  AND json_exists(pair, '$[1].num_requests_waiting') AND json_exists(pair, '$[1].request_active_slots');

DROP TABLE watcher_entries;
DELETE FROM texts;

-- Dynamo's AI-Perf parser's Recovery inputs (docs/layouts/aiperf.md#dynamo-recovery) → events:
--   container_last_line  per …previous.log: among its last 50 lines, the newest one that contains
--                        `"time":"`, is JSON and whose time parses;
--   container_first_line per other …log (not …metrics.log): among its first 100 lines, the oldest such.
-- Times are read with Dynamo's formats only (ISO date and time, `T` or space, optional .ffffff of at most
-- six digits, optional `Z`, no offset), as UTC. The `--as dynamo` query takes the first file by name of
-- each kind. Input: staging container_gap_files(file, scenario_id, service, pod, role) and their text in
-- `texts` (queries/ingest/load_texts.sql).

INSERT INTO events
WITH lines AS (
  SELECT filename AS file, unnest(ls) AS line, unnest(generate_series(1, len(ls))) AS line_no,
         len(ls) - CASE WHEN suffix(content, chr(10)) THEN 1 ELSE 0 END AS n_lines
  FROM (SELECT filename, content, string_split(content, chr(10)) AS ls FROM texts)
),
candidates AS (
  SELECT g.scenario_id, g.service, g.pod, g.role, l.file, l.line_no,
         json_extract_string(l.line, '$.time') AS t
  FROM lines l JOIN container_gap_files g ON g.file = l.file
  WHERE ((g.role = 'previous' AND l.line_no > l.n_lines - 50) OR (g.role = 'current' AND l.line_no <= 100))
    AND contains(l.line, '"time":"') AND json_valid(l.line) AND json_type(l.line) = 'OBJECT'
),
stamped AS (
  SELECT *, timezone('UTC', TRY_CAST(replace(replace(t, 'Z', ''), 'T', ' ') AS TIMESTAMP)) AS ts
  FROM candidates
  WHERE regexp_matches(t, '^\d{4}-\d{1,2}-\d{1,2}[T ]\d{1,2}:\d{1,2}:\d{1,2}(\.\d{1,6})?Z?$')
)
SELECT scenario_id,
       CASE WHEN role = 'previous' THEN arg_max(ts, line_no) ELSE arg_min(ts, line_no) END,
       CASE WHEN role = 'previous' THEN 'container_last_line' ELSE 'container_first_line' END,
       service, pod, file
FROM stamped
WHERE ts IS NOT NULL
GROUP BY scenario_id, service, pod, role, file;

DELETE FROM container_gap_files;

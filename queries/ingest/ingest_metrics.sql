-- Prometheus text exposition (<pod>.metrics.log, <pod>.metrics.before_delete.log) → metrics.
-- Input: staging table metric_files(file, scenario_id, service, pod, snapshot). Reads the text loaded into `texts`.
-- Parameter: $run_id.
-- Comment (# HELP/# TYPE) and blank lines are skipped; a sample line that does not parse is an issue.

CREATE OR REPLACE TEMP TABLE metric_lines AS
WITH lines AS (SELECT file, raw, line_no FROM file_lines())
SELECT file, line_no, line,
       regexp_extract(line, '^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)(\s+-?\d+)?$',
                      ['name', 'braces', 'labels', 'value']) AS m
FROM (SELECT file, line_no, trim(raw, ' ' || chr(9) || chr(13)) AS line FROM lines)
WHERE line <> '' AND NOT starts_with(line, '#');

INSERT INTO metrics
SELECT f.scenario_id, f.service, f.pod, f.snapshot, NULL AS ts, l.m.name,
       map(regexp_extract_all(l.m.labels, '([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"', 1),
           regexp_extract_all(l.m.labels, '([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"', 2)) AS labels,
       TRY_CAST(replace(l.m.value, '+Inf', 'inf') AS DOUBLE) AS value
FROM metric_lines l JOIN metric_files f ON f.file = l.file
WHERE l.m.name <> '';

INSERT INTO ingest_issues
SELECT $run_id, f.scenario_id, l.file, l.line_no, 'warning', 'metrics line skipped: not a Prometheus sample'
FROM metric_lines l JOIN metric_files f ON f.file = l.file
WHERE l.m.name = '';

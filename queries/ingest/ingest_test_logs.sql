-- test.log.txt → scenarios.start_ts / ready_ts / fault_ts (+ fault target) and events.
-- Input: staging table test_log_files(file, scenario_id, dialect). Reads the text loaded into `texts`. Parameters: $tz, $run_id.
-- The line format and markers depend on the harness that wrote the log (test_log_files.dialect):
--   legacy (docs/layouts/legacy.md#test-log): `[TEST] 2025-09-24T18:10:27 INFO name: message`; the time is the second
--     space-separated token of the stripped line, 'T' replaced by a space; markers are exact phrases.
--   aiperf (docs/layouts/aiperf.md#test-log): same line format, but Dynamo takes the first
--     `YYYY-MM-DDTHH:MM:SS` anywhere in the line, and the start marker is just `Starting Deployment`.
--   early (docs/layouts/early-local.md): the legacy line format; the start marker is `Running command:
--     dynamo serve …` (its command is kept as the deploy_start event's detail), ready is `Deployment Ready`.
--   events (docs/layouts/events.md#test-log, G2): `2026-05-05 18:02:11 [INFO] name: message`, time = the leading
--     date and time; `Event i/N: <description>` lines are the harness's events, the first fault
--     event is F (a fault_tolerance_report.json, when present, refines it to the ns later).
-- For each marker the *last* line in file order wins (the reference rule), except the events fault.

CREATE OR REPLACE TEMP TABLE test_log_markers AS
WITH lines AS (SELECT file, raw AS line, line_no FROM file_lines()),
typed AS (
  SELECT l.file, l.line_no, l.line, t.scenario_id, t.dialect,
         regexp_extract(l.line, 'Event \d+/\d+: (.*)$', 1) AS event_desc
  FROM lines l JOIN test_log_files t ON t.file = l.file
),
marked AS (
  SELECT file, line_no, line, scenario_id, dialect, event_desc,
         CASE WHEN dialect = 'legacy' THEN
                CASE WHEN contains(line, 'Starting Deployment fault-tolerance-test with spec') THEN 'deploy_start'
                     WHEN contains(line, 'Deployment fault-tolerance-test is ready') THEN 'ready'
                     -- Newer harness wording (docs/layouts/legacy.md#newer-ready-wording); ftparse accepts it on purpose (docs/metrics.md#deliberate-differences).
                     WHEN contains(line, 'Deployment fault-tolerance-test has Ready condition True and state successful')
                       THEN 'ready_newer'
                     WHEN contains(line, 'Injecting failure for:') THEN 'fault' END
              WHEN dialect = 'early' THEN
                CASE WHEN contains(line, 'Running command: dynamo serve') THEN 'deploy_start'
                     WHEN contains(line, 'Deployment Ready') THEN 'ready'
                     WHEN contains(line, 'Injecting failure for:') THEN 'fault' END
              WHEN dialect = 'aiperf' THEN
                CASE WHEN contains(line, 'Starting Deployment') THEN 'deploy_start'
                     WHEN contains(line, 'Deployment fault-tolerance-test is ready') THEN 'ready'
                     WHEN contains(line, 'Deployment fault-tolerance-test has Ready condition True and state successful')
                       THEN 'ready_newer'
                     WHEN contains(line, 'Injecting failure for:') THEN 'fault' END
              ELSE
                CASE WHEN regexp_matches(event_desc, '^(Delete pods:|Terminate |Rolling upgrade:|Network partition:)')
                       THEN 'fault'
                     WHEN event_desc <> '' THEN 'harness_event'
                     WHEN regexp_matches(line, 'Deployment recovered in [0-9.]+ ?s') THEN 'recovered'
                     WHEN contains(line, 'Starting Deployment') THEN 'deploy_start'
                     WHEN regexp_matches(line, 'Deployment \S+ is ready') THEN 'ready'
                     WHEN regexp_matches(line, 'Deployment \S+ has Ready condition True and state successful')
                       THEN 'ready_newer' END
         END AS marker,
         CASE WHEN dialect IN ('legacy', 'early') THEN replace(string_split(trim(line), ' ')[2], 'T', ' ')
              WHEN dialect = 'aiperf' THEN replace(regexp_extract(line, '\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}'), 'T', ' ')
              ELSE regexp_extract(trim(line), '^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}([.,]\d+)?)', 1)
         END AS stamp
  FROM typed
)
SELECT scenario_id, dialect, file, line_no, marker, line, event_desc,
       CASE WHEN regexp_matches(stamp, '\d\d:\d\d.*(Z|[+-]\d\d:?\d\d)$') THEN TRY_CAST(stamp AS TIMESTAMPTZ)
            ELSE timezone($tz, TRY_CAST(replace(stamp, ',', '.') AS TIMESTAMP)) END AS ts
FROM marked
WHERE marker IS NOT NULL;

INSERT INTO ingest_issues
SELECT $run_id, scenario_id, file, line_no, 'warning',
       CASE WHEN dialect IN ('legacy', 'early')
            THEN 'marker line ignored: its second token is not a timestamp (' || marker || ')'
            ELSE 'marker line ignored: it has no readable timestamp (' || marker || ')' END
FROM test_log_markers WHERE ts IS NULL;

CREATE OR REPLACE TEMP TABLE test_log_last AS
SELECT scenario_id,
       arg_max(ts, line_no) FILTER (WHERE marker = 'deploy_start' AND ts IS NOT NULL) AS start_ts,
       arg_max(ts, line_no) FILTER (WHERE marker = 'ready' AND ts IS NOT NULL) AS ready_ref_ts,
       arg_max(ts, line_no) FILTER (WHERE marker = 'ready_newer' AND ts IS NOT NULL) AS ready_newer_ts,
       CASE WHEN any_value(dialect) = 'events'
            THEN arg_min(ts, line_no) FILTER (WHERE marker = 'fault' AND ts IS NOT NULL)
            ELSE arg_max(ts, line_no) FILTER (WHERE marker = 'fault' AND ts IS NOT NULL) END AS fault_ts,
       CASE WHEN any_value(dialect) = 'events'
            THEN arg_min(event_desc, line_no) FILTER (WHERE marker = 'fault' AND ts IS NOT NULL)
            ELSE arg_max(line, line_no) FILTER (WHERE marker = 'fault' AND ts IS NOT NULL) END AS fault_line
FROM test_log_markers
GROUP BY scenario_id;

UPDATE scenarios s SET
  start_ts = l.start_ts,
  ready_ts = coalesce(l.ready_ref_ts, l.ready_newer_ts),
  ready_wording = CASE WHEN l.ready_ref_ts IS NOT NULL THEN 'reference'
                       WHEN l.ready_newer_ts IS NOT NULL THEN 'newer' END,
  fault_ts = l.fault_ts,
  -- Failure(time=30, pod_name='Frontend', command='dynamo.frontend', signal='SIGINT', replicas=1);
  -- newer reprs name services instead: TerminateProcessFailure(time=30, service_names=['Frontend']);
  -- event harness descriptions: Delete pods: A, B · Terminate 'cmd' in A · Rolling upgrade: A ·
  -- Network partition: A -X-> B (the target is B).
  fault_target = coalesce(
    nullif(regexp_extract(l.fault_line, 'pod_name=''([^'']*)''', 1), ''),
    nullif(regexp_extract(l.fault_line, 'service_names=\[''([^'']*)''', 1), ''),
    nullif(regexp_extract(l.fault_line, '^(?:Delete pods|Rolling upgrade): ([^,]+)', 1), ''),
    nullif(regexp_extract(l.fault_line, '^Terminate ''[^'']*'' in (\S+)', 1), ''),
    nullif(regexp_extract(l.fault_line, '^Network partition: \S+ -X-> (\S+)', 1), '')),
  fault_command = coalesce(nullif(regexp_extract(l.fault_line, 'command=''([^'']*)''', 1), ''),
                           nullif(regexp_extract(l.fault_line, '^Terminate ''([^'']*)''', 1), '')),
  fault_signal = nullif(regexp_extract(l.fault_line, 'signal=''([^'']*)''', 1), '')
FROM test_log_last l
WHERE s.scenario_id = l.scenario_id;

INSERT INTO events
SELECT scenario_id, ts, CASE WHEN marker = 'ready_newer' THEN 'ready' ELSE marker END, NULL, NULL,
       CASE WHEN marker = 'deploy_start' AND dialect = 'early' THEN trim(regexp_extract(line, 'Running command:(.*)$', 1))
            WHEN marker = 'fault' AND dialect <> 'events' THEN regexp_extract(line, 'Injecting failure for: (.*)$', 1)
            WHEN marker IN ('fault', 'harness_event') THEN event_desc
            WHEN marker = 'recovered' THEN regexp_extract(line, '(Deployment recovered in .*)$', 1) END
FROM test_log_markers WHERE ts IS NOT NULL;

-- The manifest is consumed (src/ingest/readers/testLog.ts reads many test logs in parts).
DELETE FROM test_log_files;

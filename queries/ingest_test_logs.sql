-- test.log.txt → scenarios.start_ts / ready_ts / fault_ts (+ fault target) and events.
-- Input: staging table test_log_files(file, scenario_id). Parameters: $files, $readable (see file_lines in staging.sql), $tz, $run_id.
-- Reference rule (legacy-layout §3): for each marker the *last* line in file order wins; the time is
-- the second space-separated token of the stripped line, 'T' replaced by a space, read as ISO.
-- The checks are an if/elif chain in the order start, ready, fault.

CREATE OR REPLACE TEMP TABLE test_log_markers AS
WITH lines AS (SELECT file, raw AS line, line_no FROM file_lines($readable, $files)),
marked AS (
  SELECT file, line_no, line,
         CASE WHEN contains(line, 'Starting Deployment fault-tolerance-test with spec') THEN 'deploy_start'
              WHEN contains(line, 'Deployment fault-tolerance-test is ready') THEN 'ready'
              -- Newer harness wording (legacy-layout §5.1); ftparse accepts it on purpose (SPEC §3.1).
              WHEN contains(line, 'Deployment fault-tolerance-test has Ready condition True and state successful')
                THEN 'ready_newer'
              WHEN contains(line, 'Injecting failure for:') THEN 'fault' END AS marker,
         replace(string_split(trim(line), ' ')[2], 'T', ' ') AS stamp
  FROM lines
)
SELECT t.scenario_id, m.file, m.line_no, m.marker, m.line,
       CASE WHEN regexp_matches(m.stamp, '\d\d:\d\d.*(Z|[+-]\d\d:?\d\d)$') THEN TRY_CAST(m.stamp AS TIMESTAMPTZ)
            ELSE timezone($tz, TRY_CAST(m.stamp AS TIMESTAMP)) END AS ts
FROM marked m JOIN test_log_files t ON t.file = m.file
WHERE m.marker IS NOT NULL;

INSERT INTO ingest_issues
SELECT $run_id, scenario_id, file, line_no, 'warning',
       'marker line ignored: its second token is not a timestamp (' || marker || ')'
FROM test_log_markers WHERE ts IS NULL;

CREATE OR REPLACE TEMP TABLE test_log_last AS
SELECT scenario_id,
       arg_max(ts, line_no) FILTER (WHERE marker = 'deploy_start' AND ts IS NOT NULL) AS start_ts,
       arg_max(ts, line_no) FILTER (WHERE marker = 'ready' AND ts IS NOT NULL) AS ready_ref_ts,
       arg_max(ts, line_no) FILTER (WHERE marker = 'ready_newer' AND ts IS NOT NULL) AS ready_newer_ts,
       arg_max(ts, line_no) FILTER (WHERE marker = 'fault' AND ts IS NOT NULL) AS fault_ts,
       arg_max(line, line_no) FILTER (WHERE marker = 'fault' AND ts IS NOT NULL) AS fault_line
FROM test_log_markers
GROUP BY scenario_id;

UPDATE scenarios s SET
  start_ts = l.start_ts,
  ready_ts = coalesce(l.ready_ref_ts, l.ready_newer_ts),
  ready_wording = CASE WHEN l.ready_ref_ts IS NOT NULL THEN 'reference'
                       WHEN l.ready_newer_ts IS NOT NULL THEN 'newer' END,
  fault_ts = l.fault_ts,
  -- Failure(time=30, pod_name='Frontend', command='dynamo.frontend', signal='SIGINT', replicas=1)
  fault_target = nullif(regexp_extract(l.fault_line, 'pod_name=''([^'']*)''', 1), ''),
  fault_command = nullif(regexp_extract(l.fault_line, 'command=''([^'']*)''', 1), ''),
  fault_signal = nullif(regexp_extract(l.fault_line, 'signal=''([^'']*)''', 1), '')
FROM test_log_last l
WHERE s.scenario_id = l.scenario_id;

INSERT INTO events
SELECT scenario_id, ts, CASE WHEN marker = 'ready_newer' THEN 'ready' ELSE marker END, NULL, NULL,
       CASE WHEN marker = 'fault' THEN regexp_extract(line, 'Injecting failure for: (.*)$', 1) END
FROM test_log_markers WHERE ts IS NOT NULL;

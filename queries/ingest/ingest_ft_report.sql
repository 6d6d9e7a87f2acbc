-- fault_tolerance_report.json (event harness, docs/layouts/events.md#fault-tolerance-report) → harness_events,
-- scenarios (startup as reported, the fault time F) and the events timeline.
-- Input: staging report_files(file, scenario_id) and their text in `texts` (queries/ingest/load_texts.sql).
-- Parameter: $run_id.
--
-- The report's own `rows` are stored as written (report_rows): `--as dynamo` shows them, and also
-- recomputes them from the records and these events (queries/dynamo_events.sql). ftparse's own figures
-- take only `startup_s` from them, since the harness measured it during the run and no file holds its
-- inputs. Values are numbers or the string "N/A".
-- F is the first fault event's start (DeletePod, TerminateProcess, RollingUpgrade, NetworkPartition —
-- the events the report has rows for); it replaces the second-resolution time from test.log.txt.

CREATE OR REPLACE TEMP TABLE report_texts AS
SELECT f.scenario_id, t.filename AS file,
       CASE WHEN json_valid(t.content) AND json_type(t.content) = 'OBJECT' THEN t.content END AS object_text
FROM texts t JOIN report_files f ON f.file = t.filename;

-- (A separate step: DuckDB may evaluate a cast before the validity test.)
CREATE OR REPLACE TEMP TABLE report_docs AS
SELECT scenario_id, file, CAST(object_text AS JSON) AS doc FROM report_texts;

INSERT INTO ingest_issues
SELECT $run_id, scenario_id, file, NULL, 'warning', 'fault_tolerance_report.json skipped: not a JSON object'
FROM report_docs WHERE doc IS NULL;

INSERT INTO harness_events
SELECT scenario_id, seq::INTEGER,
       json_extract_string(e, '$.type'), json_extract_string(e, '$.description'), json_extract_string(e, '$.name'),
       coalesce(to_timestamp(0) + to_microseconds(TRY_CAST(json_extract_string(e, '$.started_at_ns') AS BIGINT) // 1000),
                TRY_CAST(json_extract_string(e, '$.started_at') AS TIMESTAMPTZ)),
       coalesce(to_timestamp(0) + to_microseconds(TRY_CAST(json_extract_string(e, '$.ended_at_ns') AS BIGINT) // 1000),
                TRY_CAST(json_extract_string(e, '$.ended_at') AS TIMESTAMPTZ)),
       TRY_CAST(json_extract_string(e, '$.started_at_ns') AS BIGINT),
       TRY_CAST(json_extract_string(e, '$.ended_at_ns') AS BIGINT),
       e
FROM (SELECT scenario_id, unnest(json_extract(doc, '$.events[*]')) AS e,
             unnest(generate_series(1, CAST(json_array_length(doc, '$.events') AS BIGINT))) AS seq
      FROM report_docs WHERE json_type(doc, '$.events') = 'ARRAY');

INSERT INTO report_rows
SELECT scenario_id, (i - 1)::INTEGER, json_extract(doc, '$.rows[' || (i - 1) || ']')
FROM (SELECT scenario_id, doc, unnest(generate_series(1, CAST(json_array_length(doc, '$.rows') AS BIGINT))) AS i
      FROM report_docs WHERE json_type(doc, '$.rows') = 'ARRAY');

CREATE OR REPLACE TEMP TABLE report_faults AS
SELECT scenario_id, arg_min(started_at, seq) AS fault_ts, arg_min(description, seq) AS description
FROM harness_events
WHERE type IN ('DeletePod', 'TerminateProcess', 'RollingUpgrade', 'NetworkPartition') AND started_at IS NOT NULL
  AND scenario_id IN (SELECT scenario_id FROM report_docs WHERE doc IS NOT NULL)
GROUP BY scenario_id;

UPDATE scenarios s SET
  startup_reported_s = TRY_CAST(json_extract_string(d.doc, '$.rows[0].startup_s') AS DOUBLE)
FROM report_docs d
WHERE s.scenario_id = d.scenario_id AND d.doc IS NOT NULL;

UPDATE scenarios s SET
  fault_ts = f.fault_ts,
  fault_target = coalesce(
    nullif(regexp_extract(f.description, '^(?:Delete pods|Rolling upgrade): ([^,]+)', 1), ''),
    nullif(regexp_extract(f.description, '^Terminate ''[^'']*'' in (\S+)', 1), ''),
    nullif(regexp_extract(f.description, '^Network partition: \S+ -X-> (\S+)', 1), ''),
    s.fault_target),
  fault_command = coalesce(nullif(regexp_extract(f.description, '^Terminate ''([^'']*)''', 1), ''), s.fault_command)
FROM report_faults f
WHERE s.scenario_id = f.scenario_id;

-- The report's timeline replaces the test log's second-resolution copy of the same events.
DELETE FROM events
WHERE kind IN ('fault', 'harness_event', 'recovered')
  AND scenario_id IN (SELECT DISTINCT scenario_id FROM harness_events
                      WHERE scenario_id IN (SELECT scenario_id FROM report_docs));

INSERT INTO events
SELECT scenario_id, started_at,
       CASE WHEN type IN ('DeletePod', 'TerminateProcess', 'RollingUpgrade', 'NetworkPartition') THEN 'fault'
            ELSE 'harness_event' END,
       NULL, NULL, coalesce(description, type)
FROM harness_events
WHERE started_at IS NOT NULL AND scenario_id IN (SELECT scenario_id FROM report_docs)
UNION ALL
SELECT scenario_id, ended_at, 'recovered', NULL, NULL, coalesce(description, type)
FROM harness_events
WHERE type = 'WaitForRecovery' AND ended_at IS NOT NULL AND scenario_id IN (SELECT scenario_id FROM report_docs);

DELETE FROM report_files;

-- Second half of the AI-Perf record ingest (after ingest_aiperf_records.sql and the line map): one
-- requests row per record. Parameters: $run_id.
--
-- Units: every metric carries its own unit (ms in every AI-Perf version seen; ns/us/s accepted),
-- converted to seconds here. Times are epoch ns (UTC) → TIMESTAMPTZ (µs). The reference definitions
-- (docs/layouts/aiperf-files.md#failed-records, docs/layouts/events.md#fault-tolerance-report): a record *fails* when it was cancelled or has no
-- request_latency; HTTP status and the error object are not consulted for that. The split time is the
-- request's end (cancellation time for a cancelled request without an end).
-- `error` keeps AI-Perf's error object as JSON text (code, type, message, cause, cause_chain); a failed
-- record without one gets {"type":"cancelled"} or {"type":"no_request_latency"} so that every failure
-- has a class.

CREATE OR REPLACE TEMP MACRO aiperf_seconds(m) AS
  m.value * CASE coalesce(lower(m.unit), 'ms')
              WHEN 'ms' THEN 1e-3 WHEN 'us' THEN 1e-6 WHEN 'ns' THEN 1e-9
              WHEN 's' THEN 1.0 WHEN 'sec' THEN 1.0 END;
-- Epoch nanoseconds → TIMESTAMPTZ (truncated to µs, DuckDB's resolution).
CREATE OR REPLACE TEMP MACRO ns_to_ts(ns) AS to_timestamp(0) + to_microseconds(ns // 1000);

CREATE OR REPLACE TEMP TABLE record_rows AS
SELECT d.scenario_id, d.client, d.attempt, d.counted, r.file,
       coalesce(m.line_no, r.row_no) AS line_no,
       r.metadata IS NULL AND r.metrics IS NULL AND r.error IS NULL AS unreadable,
       coalesce(r.metadata.request_start_ns, r.metadata.timestamp_ns) AS start_ns,
       -- the end as recorded; else the cancellation time; else start + latency; else the start
       coalesce(r.metadata.request_end_ns,
                CASE WHEN r.metadata.was_cancelled THEN r.metadata.cancellation_time_ns END,
                coalesce(r.metadata.request_start_ns, r.metadata.timestamp_ns)
                  + TRY_CAST(aiperf_seconds(r.metrics.request_latency) * 1e9 AS BIGINT),
                coalesce(r.metadata.request_start_ns, r.metadata.timestamp_ns)) AS end_ns,
       coalesce(r.metadata.was_cancelled, FALSE) AS cancelled,
       r.metrics.request_latency AS latency,
       coalesce(r.metrics.time_to_first_token, r.metrics.ttft) AS ttft,
       r.metrics.inter_token_latency AS itl,
       coalesce(r.metrics.output_token_count, r.metrics.output_sequence_length) AS tokens,
       CASE WHEN r.error IS NOT NULL AND json_type(r.error) = 'OBJECT' THEN r.error END AS error
FROM record_raw r
JOIN load_dirs d ON d.records_file = r.file
LEFT JOIN client_line_map m ON m.file = r.file AND m.row_no = r.row_no;

INSERT INTO ingest_issues
SELECT $run_id, scenario_id, file, line_no, 'warning',
       CASE WHEN unreadable
              THEN 'line skipped: not a request record (invalid or truncated JSON)'
            WHEN end_ns IS NULL
              THEN 'line skipped: the record has no request_start_ns/request_end_ns'
            ELSE 'line skipped: a metric has a unit ftparse does not know' END
FROM record_rows
WHERE unreadable OR end_ns IS NULL
   OR (latency.value IS NOT NULL AND aiperf_seconds(latency) IS NULL)
   OR (ttft.value IS NOT NULL AND aiperf_seconds(ttft) IS NULL)
   OR (itl.value IS NOT NULL AND aiperf_seconds(itl) IS NULL);

INSERT INTO ingest_issues
SELECT $run_id, d.scenario_id, s.file, NULL, 'warning', 'per-request record file is empty: it adds no requests'
FROM record_file_stats s JOIN load_dirs d ON d.records_file = s.file
WHERE s.lines = 0;

INSERT INTO requests
SELECT scenario_id, client, file, line_no, attempt, counted,
       ns_to_ts(start_ns) AS start_ts,
       ns_to_ts(end_ns) AS end_ts,
       ns_to_ts(end_ns) AS end_ts_logged,
       aiperf_seconds(latency) AS latency_s,
       TRY_CAST(json_extract(error, '$.code') AS INTEGER) AS status_code,
       CASE WHEN error IS NOT NULL THEN error::VARCHAR
            WHEN cancelled THEN '{"type":"cancelled"}'
            WHEN latency.value IS NULL THEN '{"type":"no_request_latency"}' END AS error,
       NOT cancelled AND latency.value IS NOT NULL AS success,
       NULL AS content_chars,
       aiperf_seconds(ttft) AS ttft_s,
       aiperf_seconds(itl) AS itl_s,
       TRY_CAST(tokens.value AS INTEGER) AS output_tokens,
       NULL AS pod
FROM record_rows
WHERE NOT unreadable AND end_ns IS NOT NULL
  AND NOT (latency.value IS NOT NULL AND aiperf_seconds(latency) IS NULL)
  AND NOT (ttft.value IS NOT NULL AND aiperf_seconds(ttft) IS NULL)
  AND NOT (itl.value IS NOT NULL AND aiperf_seconds(itl) IS NULL);

-- `ftparse --as dynamo`: per scenario of the given runs, what Dynamo's parser of that scenario's
-- generation prints (docs/metrics.md#as-dynamo), as one JSON object `dynamo`:
--   legacy  the reference table's columns (legacy_parse_results.py; its Startup needs the old ready
--           wording); scenarios without any request are left out, as that parser does;
--   aiperf  parse_results.py's per-directory table (dynamo_aiperf.sql); every directory is printed;
--   events  FaultToleranceReport's rows: as the harness recorded them in fault_tolerance_report.json
--           when it did (rows_source 'recorded'), else as dynamo_events.sql recomputes them
--           (rows_source 'computed'); computed_rows is always the recomputation;
--   early   the early local suite parser's columns (dynamo_early.sql); scenarios without any request are
--           left out, as that parser does.
-- Doubles pass through finite() (queries/macros.sql): NaN and infinity are not JSON.
-- Needs the views summary, dynamo_aiperf, dynamo_events and dynamo_early. Parameter: $run_ids.
SELECT s.scenario_id, s.run_id, s.test_group, s.failure, s.layout, s.dir AS scenario_dir, s.name,
       coalesce(k.ord, 1000) AS failure_order,
       CASE s.layout
         WHEN 'legacy' THEN json_object(
           'failure', s.failure,
           'startup_s', CASE WHEN s.ready_wording = 'reference' THEN finite(m.startup_s) END,
           'success_before', m.success_before, 'failed_before', m.failed_before,
           'success_after', m.success_after, 'failed_after', m.failed_after,
           'latency_before_s', finite(m.latency_before_s), 'latency_after_s', finite(m.latency_after_s),
           'recovery_s', finite(m.recovery_s),
           'violations_before', m.violations_before, 'violations_after', m.violations_after)
         WHEN 'early' THEN json_object(
           'startup_s', finite(d.startup_s), 'success', d.success, 'failed', d.failed,
           'latency_before_s', finite(d.latency_before_s), 'latency_after_s', finite(d.latency_after_s),
           'pending_before', d.pending_before, 'pending_after', d.pending_after,
           'violations_before', d.violations_before, 'violations_after', d.violations_after,
           'recovery_s', finite(d.recovery_s), 'rows_after', d.rows_after, 'command', d.command,
           'order', d.early_order)
         WHEN 'aiperf' THEN json_object(
           'num_clients', a.num_clients, 'startup_s', finite(a.startup_s), 'recovery_s', finite(a.recovery_s),
           'total_requests', a.total_requests, 'successful_requests', a.successful_requests,
           'failed_requests', a.failed_requests, 'success_rate_pct', finite(a.success_rate_pct),
           'mean_latency_s', finite(a.mean_latency_s), 'p50_latency_s', finite(a.p50_latency_s),
           'p90_latency_s', finite(a.p90_latency_s), 'p99_latency_s', finite(a.p99_latency_s),
           'ttft_mean_s', finite(a.ttft_mean_s), 'itl_mean_s', finite(a.itl_mean_s),
           'total_throughput_rps', finite(a.total_throughput_rps),
           'avg_client_throughput_rps', finite(a.avg_client_throughput_rps),
           'summaries_read', a.summaries_read)
         ELSE json_object(
           'rows', coalesce(rec.rows, comp.rows, '[]'::JSON),
           'rows_source', CASE WHEN rec.rows IS NOT NULL THEN 'recorded' ELSE 'computed' END,
           'computed_rows', coalesce(comp.rows, '[]'::JSON))
       END AS dynamo
FROM scenarios s
LEFT JOIN summary m USING (scenario_id)
LEFT JOIN dynamo_aiperf a USING (scenario_id)
LEFT JOIN dynamo_early d USING (scenario_id)
LEFT JOIN known_failures k ON k.name = s.failure
-- events: FaultToleranceReport's rows as ftparse recomputes them, and as the harness recorded them
-- (report_rows; "N/A" and other non-numbers become null, as in the recomputed rows)
LEFT JOIN (
  SELECT scenario_id, to_json(list(json_object(
           'failure', failure, 'startup_s', finite(startup_s), 'recovery_s', finite(recovery_s),
           'success_before', success_before, 'failed_before', failed_before,
           'success_after', success_after, 'failed_after', failed_after,
           'latency_before_ms', finite(latency_before_ms), 'latency_after_ms', finite(latency_after_ms))
         ORDER BY row_no)) AS rows
  FROM dynamo_events GROUP BY scenario_id
) comp USING (scenario_id)
LEFT JOIN (
  SELECT scenario_id, to_json(list(json_object(
           'failure', json_extract_string(row, '$.failure'),
           'startup_s', finite(TRY_CAST(json_extract_string(row, '$.startup_s') AS DOUBLE)),
           'recovery_s', finite(TRY_CAST(json_extract_string(row, '$.recovery_s') AS DOUBLE)),
           'success_before', TRY_CAST(json_extract_string(row, '$.success_before') AS BIGINT),
           'failed_before', TRY_CAST(json_extract_string(row, '$.failed_before') AS BIGINT),
           'success_after', TRY_CAST(json_extract_string(row, '$.success_after') AS BIGINT),
           'failed_after', TRY_CAST(json_extract_string(row, '$.failed_after') AS BIGINT),
           'latency_before_ms', finite(TRY_CAST(json_extract_string(row, '$.latency_before_ms') AS DOUBLE)),
           'latency_after_ms', finite(TRY_CAST(json_extract_string(row, '$.latency_after_ms') AS DOUBLE)))
         ORDER BY row_no)) AS rows
  FROM report_rows GROUP BY scenario_id
) rec USING (scenario_id)
WHERE list_contains($run_ids::BIGINT[], s.run_id)
  AND (s.layout <> 'legacy' OR m.scenario_id IS NOT NULL)
  AND (s.layout <> 'early' OR d.scenario_id IS NOT NULL)
ORDER BY s.dir;

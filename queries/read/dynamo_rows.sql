-- `ftparse --as dynamo`: per scenario of the given runs, what Dynamo's parser of that scenario's
-- generation prints (SPEC §3.1), as one JSON object `dynamo`:
--   legacy  the reference table's columns (legacy_parse_results.py; its Startup needs the old ready
--           wording); scenarios without any request are left out, as that parser does;
--   aiperf  parse_results.py's per-directory table (dynamo_aiperf.sql); every directory is printed;
--   events  FaultToleranceReport's rows (dynamo_events.sql).
-- Needs the views summary, dynamo_aiperf and dynamo_events. Parameter: $run_ids.
SELECT s.scenario_id, s.run_id, s.test_group, s.failure, s.layout, s.dir AS scenario_dir, s.name,
       coalesce(k.ord, 1000) AS failure_order,
       CASE s.layout
         WHEN 'legacy' THEN json_object(
           'failure', s.failure,
           'startup_s', CASE WHEN s.ready_wording = 'reference' THEN m.startup_s END,
           'success_before', m.success_before, 'failed_before', m.failed_before,
           'success_after', m.success_after, 'failed_after', m.failed_after,
           'latency_before_s', m.latency_before_s, 'latency_after_s', m.latency_after_s,
           'recovery_s', m.recovery_s,
           'violations_before', m.violations_before, 'violations_after', m.violations_after)
         WHEN 'aiperf' THEN json_object(
           'num_clients', a.num_clients, 'startup_s', a.startup_s, 'recovery_s', a.recovery_s,
           'total_requests', a.total_requests, 'successful_requests', a.successful_requests,
           'failed_requests', a.failed_requests, 'success_rate_pct', a.success_rate_pct,
           'mean_latency_s', a.mean_latency_s, 'p50_latency_s', a.p50_latency_s,
           'p90_latency_s', a.p90_latency_s, 'p99_latency_s', a.p99_latency_s,
           'ttft_mean_s', a.ttft_mean_s, 'itl_mean_s', a.itl_mean_s,
           'total_throughput_rps', a.total_throughput_rps,
           'avg_client_throughput_rps', a.avg_client_throughput_rps,
           'summaries_read', a.summaries_read)
         ELSE json_object('rows', coalesce(
           (SELECT to_json(list(json_object(
                     'failure', e.failure, 'startup_s', e.startup_s, 'recovery_s', e.recovery_s,
                     'success_before', e.success_before, 'failed_before', e.failed_before,
                     'success_after', e.success_after, 'failed_after', e.failed_after,
                     'latency_before_ms', e.latency_before_ms, 'latency_after_ms', e.latency_after_ms)
                   ORDER BY e.row_no))
            FROM dynamo_events e WHERE e.scenario_id = s.scenario_id), '[]'::JSON))
       END AS dynamo
FROM scenarios s
LEFT JOIN summary m USING (scenario_id)
LEFT JOIN dynamo_aiperf a USING (scenario_id)
LEFT JOIN known_failures k ON k.name = s.failure
WHERE list_contains($run_ids::BIGINT[], s.run_id)
  AND (s.layout <> 'legacy' OR m.scenario_id IS NOT NULL)
ORDER BY s.dir;

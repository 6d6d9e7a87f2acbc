-- Dynamo's AI-Perf-era parser's table (docs/layouts/aiperf.md#the-dynamo-table), one row per aiperf scenario, from the
-- per-client view dynamo_aiperf_clients (run dynamo_aiperf_clients.sql first). Aggregation as Dynamo
-- does it: sums of counts; Mean/P50/P90/P99 latency, TTFT and ITL are unweighted means of the clients'
-- own values; Total Throughput is their sum and Avg Client Throughput their mean. Lists are in client
-- folder name order (sorted, as `sorted(os.listdir())`). Startup needs the reference ready wording;
-- Startup and Recovery of exactly 0 are "N/A" there, as is anything that cannot be computed.
-- Recovery = first JSON line of the current container − last JSON line of the previous container
-- (ingest_container_gap.sql), each from the first file by name that has one.

CREATE OR REPLACE TEMP VIEW dynamo_aiperf AS
WITH per_scenario AS (
  SELECT scenario_id,
         count(*) AS num_clients,
         sum(total) AS total_requests,
         sum(total - failed) AS successful_requests,
         sum(failed) AS failed_requests,
         list(latency ORDER BY client) FILTER (WHERE latency IS NOT NULL) AS latencies,
         list(p50 ORDER BY client) FILTER (WHERE p50 IS NOT NULL) AS p50s,
         list(p90 ORDER BY client) FILTER (WHERE p90 IS NOT NULL) AS p90s,
         list(p99 ORDER BY client) FILTER (WHERE p99 IS NOT NULL) AS p99s,
         list(ttft ORDER BY client) FILTER (WHERE ttft IS NOT NULL) AS ttfts,
         list(itl ORDER BY client) FILTER (WHERE itl IS NOT NULL) AS itls,
         list(throughput ORDER BY client) FILTER (WHERE throughput IS NOT NULL) AS throughputs,
         list(summary_file ORDER BY client) FILTER (WHERE summary_file IS NOT NULL) AS summaries_read
  FROM dynamo_aiperf_clients
  GROUP BY scenario_id
),
gap AS (
  SELECT scenario_id,
         arg_min(ts, detail) FILTER (WHERE kind = 'container_last_line') AS last_before,
         arg_min(ts, detail) FILTER (WHERE kind = 'container_first_line') AS first_after
  FROM events
  WHERE kind IN ('container_last_line', 'container_first_line')
  GROUP BY scenario_id
)
SELECT s.scenario_id,
       p.num_clients,
       nullif(CASE WHEN s.ready_wording = 'reference'
                   THEN (epoch_us(s.ready_ts) - epoch_us(s.start_ts)) / 1e6 END, 0) AS startup_s,
       nullif((epoch_us(g.first_after) - epoch_us(g.last_before)) / 1e6, 0) AS recovery_s,
       p.total_requests,
       p.successful_requests,
       p.failed_requests,
       CASE WHEN p.total_requests > 0 THEN p.successful_requests / p.total_requests * 100 END AS success_rate_pct,
       list_avg(p.latencies) AS mean_latency_s,
       list_avg(p.p50s) AS p50_latency_s,
       list_avg(p.p90s) AS p90_latency_s,
       list_avg(p.p99s) AS p99_latency_s,
       list_avg(p.ttfts) AS ttft_mean_s,
       list_avg(p.itls) AS itl_mean_s,
       CASE WHEN len(p.throughputs) > 0 THEN list_sum(p.throughputs) END AS total_throughput_rps,
       list_avg(p.throughputs) AS avg_client_throughput_rps,
       p.latencies, p.p50s, p.p90s, p.p99s, p.ttfts, p.itls, p.throughputs, p.summaries_read
FROM scenarios s
JOIN per_scenario p USING (scenario_id)
LEFT JOIN gap g USING (scenario_id);

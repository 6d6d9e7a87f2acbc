-- Dynamo's AI-Perf-era parser (parse_results.py@539117546), per client (docs/layouts/aiperf.md#attempts): what the
-- client of each client_* folder adds to the table, from the summary JSON of the attempt it reads (the
-- `counted` one: the highest attempt number with a profile_export_aiperf.json). Python's rules kept:
--   * counts: `records.<key>` when truthy, else the top-level key; int(avg); total = ok + err, or the
--     configured `input_config.loadgen.request_count` when that is 0; failed = Σ error_summary[].count
--     (an `{summary:[…]}` object form is accepted too — a deliberate tolerance);
--   * latency only from the *top-level* request_latency: avg, p50, p90, p99 appended in that order,
--     and a missing key stops the client there (Python raised), so nothing after it is appended;
--   * TTFT/ITL/throughput `avg` appended only when non-zero; latencies ms → s.
-- A client whose summary is not valid JSON, or with no summary at all, adds nothing but is a client.

CREATE OR REPLACE TEMP VIEW dynamo_aiperf_clients AS
WITH clients AS (
  SELECT l.scenario_id, l.client,
         bool_or(l.aggregate_file IS NOT NULL) AS has_summary,
         any_value(l.aggregate) FILTER (WHERE l.counted) AS j,
         any_value(l.aggregate_file) FILTER (WHERE l.counted) AS summary_file
  FROM loads l JOIN scenarios s USING (scenario_id)
  WHERE s.layout = 'aiperf'
  GROUP BY l.scenario_id, l.client
),
truthy AS (
  SELECT *,
         -- Python truthiness of the records.* objects: present and not empty
         CASE WHEN json_type(j, '$.records.request_count') = 'OBJECT' AND json_extract(j, '$.records.request_count')::VARCHAR <> '{}'
              THEN json_extract(j, '$.records.request_count') ELSE json_extract(j, '$.request_count') END AS rc,
         CASE WHEN json_type(j, '$.records.error_request_count') = 'OBJECT'
                   AND json_extract(j, '$.records.error_request_count')::VARCHAR <> '{}'
              THEN json_extract(j, '$.records.error_request_count') ELSE json_extract(j, '$.error_request_count') END AS erc,
         json_type(j, '$.request_latency') = 'OBJECT' AND json_extract(j, '$.request_latency')::VARCHAR <> '{}' AS has_latency
  FROM clients
),
counts AS (
  SELECT *,
         CASE WHEN json_type(rc) = 'OBJECT' THEN trunc(coalesce(TRY_CAST(json_extract_string(rc, '$.avg') AS DOUBLE), 0)) ELSE 0 END
           + CASE WHEN json_type(erc) = 'OBJECT' THEN trunc(coalesce(TRY_CAST(json_extract_string(erc, '$.avg') AS DOUBLE), 0)) ELSE 0 END
           AS ok_plus_err,
         coalesce(list_sum(list_transform(
           CASE WHEN json_type(j, '$.error_summary') = 'ARRAY' THEN json_extract(j, '$.error_summary[*].count')
                ELSE json_extract(j, '$.error_summary.summary[*].count') END,
           c -> coalesce(TRY_CAST(c AS BIGINT), 0))), 0) AS failed,
         TRY_CAST(json_extract_string(j, '$.request_latency.avg') AS DOUBLE) / 1000 AS lat_avg,
         TRY_CAST(json_extract_string(j, '$.request_latency.p50') AS DOUBLE) / 1000 AS lat_p50,
         TRY_CAST(json_extract_string(j, '$.request_latency.p90') AS DOUBLE) / 1000 AS lat_p90,
         TRY_CAST(json_extract_string(j, '$.request_latency.p99') AS DOUBLE) / 1000 AS lat_p99,
         nullif(TRY_CAST(json_extract_string(j, '$.time_to_first_token.avg') AS DOUBLE), 0) / 1000 AS ttft,
         nullif(TRY_CAST(json_extract_string(j, '$.inter_token_latency.avg') AS DOUBLE), 0) / 1000 AS itl,
         nullif(TRY_CAST(json_extract_string(j, '$.request_throughput.avg') AS DOUBLE), 0) AS throughput
  FROM truthy
)
SELECT scenario_id, client, summary_file, has_summary, j IS NOT NULL AS read_ok,
       CASE WHEN j IS NULL THEN 0
            WHEN ok_plus_err = 0 AND json_exists(j, '$.input_config')
              THEN coalesce(TRY_CAST(json_extract_string(j, '$.input_config.loadgen.request_count') AS BIGINT), 0)
            ELSE TRY_CAST(ok_plus_err AS BIGINT) END AS total,  -- NULL when a count is NaN or infinite
       CASE WHEN j IS NULL THEN 0 ELSE failed END AS failed,
       -- the append chain: each value only when every earlier one was there
       CASE WHEN has_latency THEN lat_avg END AS latency,
       CASE WHEN has_latency AND lat_avg IS NOT NULL THEN lat_p50 END AS p50,
       CASE WHEN has_latency AND lat_avg IS NOT NULL AND lat_p50 IS NOT NULL THEN lat_p90 END AS p90,
       CASE WHEN has_latency AND lat_avg IS NOT NULL AND lat_p50 IS NOT NULL AND lat_p90 IS NOT NULL
            THEN lat_p99 END AS p99,
       CASE WHEN NOT has_latency OR lat_p99 IS NOT NULL AND lat_p90 IS NOT NULL AND lat_p50 IS NOT NULL
                 AND lat_avg IS NOT NULL THEN ttft END AS ttft,
       CASE WHEN NOT has_latency OR lat_p99 IS NOT NULL AND lat_p90 IS NOT NULL AND lat_p50 IS NOT NULL
                 AND lat_avg IS NOT NULL THEN itl END AS itl,
       CASE WHEN NOT has_latency OR lat_p99 IS NOT NULL AND lat_p90 IS NOT NULL AND lat_p50 IS NOT NULL
                 AND lat_avg IS NOT NULL THEN throughput END AS throughput
FROM counts;

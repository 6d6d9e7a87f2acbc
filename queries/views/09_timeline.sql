-- Per scenario and bucket of getvariable('bucket_s') seconds (--bucket) on the clock of
-- `timeline_origin` (t = 0 at F): completed attempts that succeeded and failed, and the latency
-- percentiles of the successes. Bucket b covers [t0 + b·size, t0 + (b+1)·size) of requests.end_ts; every
-- bucket from the first to the last completion is present (zeros where nothing completed).
CREATE OR REPLACE TEMP VIEW timeline AS
WITH params AS (SELECT CAST(getvariable('bucket_s') AS DOUBLE) AS size),
binned AS (
  SELECT q.scenario_id,
         floor((epoch_us(q.end_ts) - epoch_us(o.t0)) / 1e6 / p.size)::BIGINT AS b,
         q.success, q.latency_s
  FROM requests q JOIN timeline_origin o USING (scenario_id), params p
  WHERE q.counted AND q.end_ts IS NOT NULL
),
counted AS (
  SELECT scenario_id, b,
         count(*) FILTER (WHERE success) AS successes,
         count(*) FILTER (WHERE NOT success) AS failures,
         quantile_cont(latency_s, [0.5, 0.9, 0.99]) FILTER (WHERE success) AS q
  FROM binned
  GROUP BY ALL
),
dense AS (
  SELECT scenario_id, unnest(generate_series(min(b), max(b))) AS b FROM counted GROUP BY scenario_id
)
SELECT d.scenario_id,
       d.b * p.size AS t_s,
       o.t0 + to_microseconds((d.b * p.size * 1e6)::BIGINT) AS bucket_start,
       p.size AS bucket_s,
       coalesce(c.successes, 0) AS successes,
       coalesce(c.failures, 0) AS failures,
       c.q[1] AS p50_s,
       c.q[2] AS p90_s,
       c.q[3] AS p99_s
FROM dense d
JOIN timeline_origin o USING (scenario_id)
CROSS JOIN params p
LEFT JOIN counted c USING (scenario_id, b);

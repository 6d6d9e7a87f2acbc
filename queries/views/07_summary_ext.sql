-- The figures beyond the reference (docs/metrics.md#extended), one row per scenario, keyed by scenario_id so that any
-- view of summary rows can join it. Seconds are DOUBLE, rates are ratios in 0..1, NULL = no value.
--
-- * p50/p90/p99 and success rates use the reference's split and rows (`request_split`), as `summary`
--   does, so they agree with its Success/Failed columns.
-- * Client-visible figures (ttfs, recovered, outages, clients hit) use requests.end_ts and
--   `client_seconds`: attempts completed strictly after F, in one-second buckets from F.
--   ttfs_s       first successful completion after F, minus F.
--   recovered_s  start of the first bucket k such that k and every bucket with completions in
--                [k, k + window) have a success ratio ≥ recovered_ratio (k itself must have completions).
--   outages      from the `outages` view; 0 when clients never saw one, NULL without a fault.
-- * Component figures: the failed service(s) from `failed_component`; the first container started at or
--   after F (pod YAML: a restarted container or a replacement pod), and its first ready line after F.
-- * errors: failed attempts by class (`request_errors`), as a MAP class → count, largest first.
-- Parameters: getvariable('window_s') (--window), getvariable('recovered_ratio') (--recovered-ratio),
-- bound by every session (queries/ext_params.sql; their defaults live in src/metrics/catalog.ts).

-- Means and sums add their values in ascending order (docs/metrics.md#fixed-summation-order): the same
-- bytes whatever order the lanes stored the rows in.
CREATE OR REPLACE TEMP VIEW summary_ext AS
WITH params AS (
  SELECT CAST(getvariable('window_s') AS DOUBLE) AS window_s,
         CAST(getvariable('recovered_ratio') AS DOUBLE) AS ratio
),
split AS (
  SELECT scenario_id,
         quantile_cont(latency_s, [0.5, 0.9, 0.99]) FILTER (WHERE before AND success) AS q_before,
         quantile_cont(latency_s, [0.5, 0.9, 0.99]) FILTER (WHERE NOT before AND success) AS q_after,
         count(*) FILTER (WHERE before) AS n_before,
         count(*) FILTER (WHERE before AND success) AS ok_before,
         count(*) FILTER (WHERE NOT before) AS n_after,
         count(*) FILTER (WHERE NOT before AND success) AS ok_after,
         min(end_ts) FILTER (WHERE success AND end_ts > fault_ts) AS first_success_ts
  FROM request_split
  GROUP BY scenario_id
),
-- clients per scenario, and those that saw a failure after F: grouped by client first (count(DISTINCT)
-- in `split` would turn its perfect-hash aggregate into a much slower general one)
per_client AS (
  SELECT scenario_id, client, bool_or(NOT success AND end_ts > fault_ts) AS hit
  FROM request_split
  GROUP BY scenario_id, client
),
clients AS (
  SELECT scenario_id, count(*) AS clients, count(*) FILTER (WHERE hit) AS clients_hit
  FROM per_client
  GROUP BY scenario_id
),
judged AS (
  SELECT c.scenario_id, c.k,
         c.successes / c.completions >= p.ratio AS good,
         count(*) FILTER (WHERE c.successes / c.completions < p.ratio) OVER (
           PARTITION BY c.scenario_id ORDER BY c.k
           RANGE BETWEEN CURRENT ROW AND (p.window_s - 1) FOLLOWING) AS bad_in_window
  FROM client_seconds c, params p
),
recovered AS (
  SELECT scenario_id, min(k)::DOUBLE AS recovered_s
  FROM judged
  WHERE good AND bad_in_window = 0
  GROUP BY scenario_id
),
outage_stats AS (
  SELECT scenario_id, count(*) AS outage_count, max(duration_s) AS outage_longest_s,
         sum(duration_s ORDER BY duration_s) AS outage_total_s
  FROM outages
  GROUP BY scenario_id
),
-- The failed service(s), and the first container start at/after F and first ready line after F among
-- them: per service first, then per scenario, so that failed_component is read once (each read of the
-- view is planned and run again).
after_fault AS (
  SELECT scenario_id, service, min(restart_s) AS restart_s, min(ready_s) AS ready_s
  FROM (
    SELECT c.scenario_id, c.service,
           min(epoch_us(c.started_at) - epoch_us(s.fault_ts)) / 1e6 AS restart_s, NULL::DOUBLE AS ready_s
    FROM containers c JOIN scenarios s USING (scenario_id)
    WHERE c.started_at >= s.fault_ts
    GROUP BY ALL
    UNION ALL
    SELECT e.scenario_id, e.service, NULL, min(epoch_us(e.ts) - epoch_us(s.fault_ts)) / 1e6
    FROM events e JOIN scenarios s USING (scenario_id)
    WHERE e.kind = 'ready_line' AND e.ts > s.fault_ts
    GROUP BY ALL
  )
  GROUP BY scenario_id, service
),
components AS (
  SELECT f.scenario_id,
         string_agg(f.service, ', ' ORDER BY f.service) AS failed_component,
         min(a.restart_s) AS component_restart_s,
         min(a.ready_s) AS component_ready_s
  FROM failed_component f
  LEFT JOIN after_fault a ON a.scenario_id = f.scenario_id AND a.service = f.service
  GROUP BY f.scenario_id
),
error_counts AS (
  SELECT scenario_id, error_class, count(*) AS n FROM request_errors GROUP BY ALL
),
errors AS (
  SELECT scenario_id,
         map_from_entries(list({'k': error_class, 'v': n} ORDER BY n DESC, error_class)) AS errors
  FROM error_counts
  GROUP BY scenario_id
)
SELECT s.scenario_id,
       x.q_before[1] AS p50_before_s,
       x.q_before[2] AS p90_before_s,
       x.q_before[3] AS p99_before_s,
       x.q_after[1] AS p50_after_s,
       x.q_after[2] AS p90_after_s,
       x.q_after[3] AS p99_after_s,
       CASE WHEN x.n_before > 0 THEN x.ok_before / x.n_before END AS success_rate_before,
       CASE WHEN s.fault_ts IS NOT NULL AND x.n_after > 0 THEN x.ok_after / x.n_after END AS success_rate_after,
       (epoch_us(x.first_success_ts) - epoch_us(s.fault_ts)) / 1e6 AS ttfs_s,
       r.recovered_s,
       CASE WHEN s.fault_ts IS NOT NULL THEN coalesce(o.outage_count, 0) END AS outage_count,
       CASE WHEN s.fault_ts IS NOT NULL THEN coalesce(o.outage_longest_s, 0) END AS outage_longest_s,
       CASE WHEN s.fault_ts IS NOT NULL THEN coalesce(o.outage_total_s, 0) END AS outage_total_s,
       CASE WHEN s.fault_ts IS NOT NULL AND cl.clients > 0 THEN cl.clients_hit / cl.clients END AS clients_hit_share,
       cm.component_restart_s,
       cm.component_ready_s,
       cm.failed_component,
       coalesce(er.errors, MAP {}::MAP(VARCHAR, BIGINT)) AS errors
FROM scenarios s
LEFT JOIN split x USING (scenario_id)
LEFT JOIN clients cl USING (scenario_id)
LEFT JOIN recovered r USING (scenario_id)
LEFT JOIN outage_stats o USING (scenario_id)
LEFT JOIN components cm USING (scenario_id)
LEFT JOIN errors er USING (scenario_id);

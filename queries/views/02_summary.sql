-- The reference summary (docs/metrics.md#reference-summary): one row per scenario with requests.
-- Rows are counted attempts, split at the fault by `request_split` (≤ F as logged is before). Without a
-- fault every row is before and the after columns are NULL. Latencies are means over successful rows
-- only (NULL where the reference prints nan). Recovery is the latest ready-pattern hit in any visited service's logs minus F,
-- NULL when there is none strictly after F. `getvariable('sla')` is --sla (NULL or 0: no SLA).
-- Scenarios without a single request row are left out, as the reference parser does.

-- Means and sums add their values in ascending order (docs/metrics.md#fixed-summation-order): the same
-- bytes whatever order the lanes stored the rows in.
CREATE OR REPLACE TEMP VIEW summary AS
WITH sla AS (SELECT nullif(CAST(getvariable('sla') AS DOUBLE), 0) AS sla),
counts AS (
  SELECT scenario_id,
         count(*) FILTER (WHERE before AND success) AS success_before,
         count(*) FILTER (WHERE before AND NOT success) AS failed_before,
         count(*) FILTER (WHERE NOT before AND success) AS success_after,
         count(*) FILTER (WHERE NOT before AND NOT success) AS failed_after,
         count(*) FILTER (WHERE NOT before) AS rows_after,
         avg(latency_s ORDER BY latency_s) FILTER (WHERE before AND success) AS latency_before_s,
         avg(latency_s ORDER BY latency_s) FILTER (WHERE NOT before AND success) AS latency_after_s,
         count(*) FILTER (WHERE before AND success AND latency_s > (SELECT sla FROM sla)) AS violations_before,
         count(*) FILTER (WHERE NOT before AND success AND latency_s > (SELECT sla FROM sla)) AS violations_after
  FROM request_split
  GROUP BY scenario_id
),
recovery AS (
  SELECT e.scenario_id, max(epoch_us(e.ts) - epoch_us(s.fault_ts)) / 1e6 AS recovery_s
  FROM events e JOIN scenarios s USING (scenario_id)
  WHERE e.kind = 'ready_line' AND e.ts > s.fault_ts
  GROUP BY e.scenario_id
)
SELECT s.scenario_id,
       s.run_id,
       s.test_group,
       s.failure,
       s.layout,
       s.dir AS scenario_dir,
       -- the harness's own figure when it reported one (event harness), else ready − start from test.log
       coalesce(s.startup_reported_s, (epoch_us(s.ready_ts) - epoch_us(s.start_ts)) / 1e6) AS startup_s,
       c.success_before,
       c.failed_before,
       CASE WHEN s.fault_ts IS NOT NULL AND c.rows_after > 0 THEN c.success_after END AS success_after,
       CASE WHEN s.fault_ts IS NOT NULL AND c.rows_after > 0 THEN c.failed_after END AS failed_after,
       c.latency_before_s,
       CASE WHEN s.fault_ts IS NOT NULL AND c.rows_after > 0 THEN c.latency_after_s END AS latency_after_s,
       CASE WHEN r.recovery_s > 0 THEN r.recovery_s END AS recovery_s,
       CASE WHEN (SELECT sla FROM sla) IS NOT NULL THEN c.violations_before END AS violations_before,
       CASE WHEN (SELECT sla FROM sla) IS NOT NULL AND s.fault_ts IS NOT NULL AND c.rows_after > 0
            THEN c.violations_after END AS violations_after,
       coalesce(k.ord, 1000) AS failure_order
FROM scenarios s
JOIN counts c USING (scenario_id)
LEFT JOIN recovery r USING (scenario_id)
LEFT JOIN known_failures k ON k.name = s.failure;

-- What Dynamo's parser of the early local suite (docs/layouts/early-local.md) prints per scenario:
-- one row per early scenario with requests. Its rules are the reference summary's (success needs 100
-- characters of content; a row is before when its logged time is ≤ F), over all counted attempts:
--   success/failed     over the whole run (no before/after split of the counts);
--   latency            means over the successful rows of each window (NULL where that parser prints
--                      nan: rows_after tells an empty window, printed N/A, from one without successes);
--   violations         successful rows slower than the SLA (getvariable('sla'), default 2.1 s), strict;
--                      after only when the after window has rows;
--   pending            view watcher_pending;
--   recovery           the last start line (file order) of the failed process's folder minus F, for
--                      processor (dynamo_Processor), frontend (dynamo_Frontend), decode_worker
--                      (dynamo_VllmWorker, lines naming VllmWorker:1) and prefill_worker
--                      (dynamo_PrefillWorker, PrefillWorker:1); NULL for other failures, without that
--                      folder or such a line, or when the line is before F;
--   command            the last `Running command:` line's command (the group's `Test Command:`).
-- Needs the view watcher_pending.
-- Means and sums add their values in ascending order (docs/metrics.md#fixed-summation-order): the same
-- bytes whatever order the lanes stored the rows in.
CREATE OR REPLACE TEMP VIEW dynamo_early AS
WITH sla AS (SELECT coalesce(nullif(CAST(getvariable('sla') AS DOUBLE), 0), 2.1) AS sla),
rows AS (
  SELECT q.scenario_id, q.success, q.latency_s,
         s.fault_ts IS NULL OR q.end_ts_logged <= s.fault_ts AS before
  FROM requests q JOIN scenarios s USING (scenario_id)
  WHERE q.counted AND s.layout = 'early'
),
counts AS (
  SELECT scenario_id,
         count(*) FILTER (WHERE success) AS success,
         count(*) FILTER (WHERE NOT success) AS failed,
         count(*) FILTER (WHERE NOT before) AS rows_after,
         avg(latency_s ORDER BY latency_s) FILTER (WHERE before AND success) AS latency_before_s,
         avg(latency_s ORDER BY latency_s) FILTER (WHERE NOT before AND success) AS latency_after_s,
         count(*) FILTER (WHERE before AND success AND latency_s > (SELECT sla FROM sla)) AS violations_before,
         count(*) FILTER (WHERE NOT before AND success AND latency_s > (SELECT sla FROM sla)) AS violations_after
  FROM rows
  GROUP BY scenario_id
),
started AS (
  SELECT l.scenario_id, arg_max(l.ts, l.line_no) AS start_ts
  FROM log_lines l JOIN scenarios s USING (scenario_id)
  JOIN ready_patterns r ON r.service = l.service
  WHERE s.layout = 'early' AND l.ts IS NOT NULL AND regexp_matches(l.message, r.pattern)
    AND CASE s.failure
          WHEN 'processor' THEN l.service = 'dynamo_Processor'
          WHEN 'frontend' THEN l.service = 'dynamo_Frontend'
          WHEN 'decode_worker' THEN l.service = 'dynamo_VllmWorker' AND contains(l.message, 'VllmWorker:1')
          WHEN 'prefill_worker' THEN l.service = 'dynamo_PrefillWorker' AND contains(l.message, 'PrefillWorker:1')
          ELSE FALSE END
  GROUP BY l.scenario_id
),
command AS (
  SELECT e.scenario_id, arg_max(e.detail, e.ts) AS command
  FROM events e JOIN scenarios s USING (scenario_id)
  WHERE s.layout = 'early' AND e.kind = 'deploy_start'
  GROUP BY e.scenario_id
)
SELECT s.scenario_id,
       list_position(['none', 'frontend', 'processor', 'decode_worker', 'prefill_worker', 'vllm_worker'],
                     s.failure) AS early_order,
       (epoch_us(s.ready_ts) - epoch_us(s.start_ts)) / 1e6 AS startup_s,
       c.success, c.failed,
       c.latency_before_s,
       CASE WHEN s.fault_ts IS NOT NULL AND c.rows_after > 0 THEN c.latency_after_s END AS latency_after_s,
       CASE WHEN s.fault_ts IS NOT NULL THEN c.rows_after END AS rows_after,
       w.pending_before, w.pending_after,
       c.violations_before,
       CASE WHEN s.fault_ts IS NOT NULL AND c.rows_after > 0 THEN c.violations_after END AS violations_after,
       CASE WHEN st.start_ts >= s.fault_ts THEN (epoch_us(st.start_ts) - epoch_us(s.fault_ts)) / 1e6 END
         AS recovery_s,
       cm.command
FROM scenarios s
JOIN counts c USING (scenario_id)
LEFT JOIN watcher_pending w USING (scenario_id)
LEFT JOIN started st USING (scenario_id)
LEFT JOIN command cm USING (scenario_id);

-- The workers' mean queue length before and after the fault (early local suite, watcher.log.txt; see
-- docs/layouts/early-local.md), by the rule of Dynamo's parser of that generation: the mean of
-- num_requests_waiting over the watcher's [worker, values] pairs whose request_active_slots is above 0,
-- a pair being before when its line's time is ≤ F (every pair is before without a fault). NULL when no
-- pair counts. One row per scenario with watcher rows.
-- Means and sums add their values in ascending order (docs/metrics.md#fixed-summation-order): the same
-- bytes whatever order the lanes stored the rows in.
CREATE OR REPLACE TEMP VIEW watcher_pending AS
SELECT m.scenario_id,
       avg(m.value ORDER BY m.value) FILTER (WHERE s.fault_ts IS NULL OR m.ts <= s.fault_ts) AS pending_before,
       avg(m.value ORDER BY m.value) FILTER (WHERE s.fault_ts IS NOT NULL AND m.ts > s.fault_ts) AS pending_after
FROM metrics m JOIN scenarios s USING (scenario_id)
WHERE m.service = 'watcher' AND m.snapshot = 'watcher' AND m.name = 'num_requests_waiting'
  AND TRY_CAST(m.labels['request_active_slots'] AS DOUBLE) > 0 AND m.value IS NOT NULL
GROUP BY m.scenario_id;

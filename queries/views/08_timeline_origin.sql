-- The clock every timeline of a scenario shares: t = 0 at the fault (F); without a fault, at the
-- deployment's ready time, or at the first completion. first_ts/last_ts bound the client traffic.
CREATE OR REPLACE TEMP VIEW timeline_origin AS
SELECT s.scenario_id,
       coalesce(s.fault_ts, s.ready_ts, min(q.end_ts)) AS t0,
       s.fault_ts IS NOT NULL AS has_fault,
       min(q.end_ts) AS first_ts,
       max(q.end_ts) AS last_ts
FROM scenarios s JOIN requests q USING (scenario_id)
WHERE q.counted AND q.end_ts IS NOT NULL
GROUP BY s.scenario_id, s.fault_ts, s.ready_ts;

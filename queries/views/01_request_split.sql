-- The before/after split every metric reads: one row per counted attempt (requests.counted), with its
-- scenario's fault time and which side of the fault it falls on. The reference's rule: an attempt is
-- before when its completion time *as logged* (second-truncated in legacy logs) is ≤ the
-- second-truncated fault time F, or when the scenario has no fault (then every attempt is before).
-- `end_ts` is the precise completion time (ms when the client logged it), for client-visible figures.
CREATE OR REPLACE TEMP VIEW request_split AS
SELECT q.scenario_id, q.client, q.success, q.latency_s, q.end_ts, s.fault_ts,
       s.fault_ts IS NULL OR q.end_ts_logged <= s.fault_ts AS before
FROM requests q JOIN scenarios s USING (scenario_id)
WHERE q.counted;

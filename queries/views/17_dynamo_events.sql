-- Dynamo's FaultToleranceReport (event harness, docs/layouts/events.md#fault-tolerance-report), one row per (scenario, report row):
-- row 0 is `none` (the whole load, everything "before"), then one row per DeletePod, TerminateProcess,
-- RollingUpgrade or NetworkPartition event in event order. Needs fault_label.sql.
--   * input: the records of the *first* StartLoad's load only (matched by name; else the only load,
--     else the load whose first request started first), warmup records included;
--   * failed = cancelled or no request_latency (requests.success); before ⇔ end < the fault's
--     started_at_ns (strict; every fault row splits the whole load). Our end times have µs resolution,
--     so the comparison is end_µs·1000 < fault_ns: only a request ending within the same µs as the
--     fault can differ from Dynamo's ns comparison;
--   * latency: mean of request_latency in ms over the window's successes, 0.0 when there are none;
--   * recovery: a NetworkPartition's `duration` when the event carries one, else end − start of the
--     first WaitForRecovery after the fault and before any other fault, else NULL ("N/A");
--   * startup: the report's own startup_s (the same on every row), NULL when absent.
-- Without a report (no harness_events) the faults come from the test log's `Event i/N:` lines (second
-- resolution) and recovery from its `Deployment recovered in Xs` lines.

-- Means and sums add their values in ascending order (docs/metrics.md#fixed-summation-order): the same
-- bytes whatever order the lanes stored the rows in.
CREATE OR REPLACE TEMP VIEW dynamo_events AS
WITH loads_of AS (
  SELECT l.scenario_id, l.client,
         (SELECT min(q.start_ts) FROM requests q WHERE q.scenario_id = l.scenario_id AND q.client = l.client)
           AS first_start
  FROM loads l JOIN scenarios s USING (scenario_id)
  WHERE s.layout = 'events'
),
first_start_load AS (
  SELECT scenario_id, arg_min(name, seq) AS name
  FROM harness_events WHERE type = 'StartLoad' GROUP BY scenario_id
),
first_load AS (
  SELECT o.scenario_id,
         coalesce(any_value(o.client) FILTER (WHERE o.client = f.name),
                  CASE WHEN count(*) = 1 THEN any_value(o.client) END,
                  arg_min(o.client, o.first_start)) AS client
  FROM loads_of o LEFT JOIN first_start_load f USING (scenario_id)
  GROUP BY o.scenario_id
),
records AS (
  SELECT q.scenario_id, q.success, q.latency_s, epoch_us(q.end_ts) * 1000 AS end_ns
  FROM requests q JOIN first_load f ON f.scenario_id = q.scenario_id AND f.client = q.client
),
timeline AS (
  -- the report's events; without a report, the test log's
  SELECT scenario_id, seq, type, description, detail, started_at_ns, ended_at_ns,
         (epoch_us(ended_at) - epoch_us(started_at)) / 1e6 AS duration_s
  FROM harness_events
  UNION ALL
  SELECT e.scenario_id, row_number() OVER (PARTITION BY e.scenario_id ORDER BY e.ts, e.kind) AS seq,
         CASE WHEN e.kind = 'recovered' THEN 'WaitForRecovery' ELSE fault_type(NULL, e.detail) END,
         e.detail, NULL, epoch_us(e.ts) * 1000, NULL,
         TRY_CAST(regexp_extract(e.detail, 'recovered in ([0-9.]+) ?s', 1) AS DOUBLE)
  FROM events e JOIN scenarios s USING (scenario_id)
  WHERE s.layout = 'events' AND e.kind IN ('fault', 'recovered')
    AND NOT EXISTS (SELECT 1 FROM harness_events h WHERE h.scenario_id = e.scenario_id)
),
faults AS (
  SELECT t.scenario_id, t.seq, fault_label(t.type, t.description, t.detail) AS failure, t.started_at_ns AS fault_ns,
         coalesce(
           CASE WHEN t.type = 'NetworkPartition' THEN TRY_CAST(json_extract_string(t.detail, '$.duration') AS DOUBLE) END,
           (SELECT arg_min(w.duration_s, w.seq) FROM timeline w
            WHERE w.scenario_id = t.scenario_id AND w.type = 'WaitForRecovery' AND w.seq > t.seq
              AND NOT EXISTS (SELECT 1 FROM timeline o
                              WHERE o.scenario_id = t.scenario_id AND o.seq > t.seq AND o.seq < w.seq
                                AND o.type IN ('DeletePod', 'TerminateProcess', 'RollingUpgrade', 'NetworkPartition'))))
           AS recovery_s
  FROM timeline t
  WHERE t.type IN ('DeletePod', 'TerminateProcess', 'RollingUpgrade', 'NetworkPartition') AND t.started_at_ns IS NOT NULL
),
report_rows AS (
  SELECT scenario_id, 0 AS row_no, 'none' AS failure, NULL::BIGINT AS fault_ns, NULL::DOUBLE AS recovery_s
  FROM first_load
  UNION ALL
  SELECT scenario_id, row_number() OVER (PARTITION BY scenario_id ORDER BY seq), failure, fault_ns, recovery_s
  FROM faults
),
split AS (
  SELECT r.scenario_id, r.row_no, r.failure, r.fault_ns, r.recovery_s, q.success, q.latency_s,
         r.fault_ns IS NULL OR q.end_ns < r.fault_ns AS before
  FROM report_rows r LEFT JOIN records q USING (scenario_id)
)
SELECT p.scenario_id, p.row_no, any_value(p.failure) AS failure,
       any_value(s.startup_reported_s) AS startup_s,
       any_value(p.recovery_s) AS recovery_s,
       count(*) FILTER (WHERE p.before AND p.success) AS success_before,
       count(*) FILTER (WHERE p.before AND NOT p.success) AS failed_before,
       CASE WHEN any_value(p.fault_ns) IS NOT NULL THEN count(*) FILTER (WHERE NOT p.before AND p.success) END
         AS success_after,
       CASE WHEN any_value(p.fault_ns) IS NOT NULL THEN count(*) FILTER (WHERE NOT p.before AND NOT p.success) END
         AS failed_after,
       coalesce(avg(p.latency_s * 1000 ORDER BY p.latency_s) FILTER (WHERE p.before AND p.success), 0.0) AS latency_before_ms,
       CASE WHEN any_value(p.fault_ns) IS NOT NULL
            THEN coalesce(avg(p.latency_s * 1000 ORDER BY p.latency_s) FILTER (WHERE NOT p.before AND p.success), 0.0) END
         AS latency_after_ms
FROM split p JOIN scenarios s USING (scenario_id)
GROUP BY p.scenario_id, p.row_no;

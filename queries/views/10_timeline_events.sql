-- Timed facts of each scenario on the timeline's clock (t = 0 at F): the fault, container exits and
-- starts (pod YAML), ready lines (pod logs), deployment start/ready (test log). in_window says whether the
-- fact falls within the client traffic (one bucket of margin), which is what charts show;
-- failed_component marks facts of the service the fault hit.
CREATE OR REPLACE TEMP VIEW timeline_events AS
WITH params AS (SELECT CAST(getvariable('bucket_s') AS DOUBLE) AS size)
SELECT e.scenario_id,
       (epoch_us(e.ts) - epoch_us(o.t0)) / 1e6 AS t_s,
       e.ts,
       e.kind,
       e.service,
       e.pod,
       e.detail,
       e.ts >= o.first_ts - to_microseconds((p.size * 1e6)::BIGINT)
         AND e.ts <= o.last_ts + to_microseconds((p.size * 1e6)::BIGINT) AS in_window,
       coalesce(e.service IN (SELECT f.service FROM failed_component f WHERE f.scenario_id = e.scenario_id), FALSE)
         AS failed_component
FROM events e
JOIN timeline_origin o USING (scenario_id)
CROSS JOIN params p;

-- What clients saw after the fault, one-second bucket by one-second bucket (docs/metrics.md#client-seconds). Only counted
-- attempts (`request_split`) that completed strictly after F count (the reference's split: ≤ F is
-- before); bucket k covers [F + k s, F + (k+1) s), measured on requests.end_ts (ms precision when the
-- client logged it, the logged second otherwise). Buckets without a completion are absent: "idle",
-- neither up nor down.
CREATE OR REPLACE TEMP VIEW client_seconds AS
SELECT scenario_id,
       floor((epoch_us(end_ts) - epoch_us(fault_ts)) / 1e6)::BIGINT AS k,
       count(*) AS completions,
       count(*) FILTER (WHERE success) AS successes
FROM request_split
WHERE fault_ts IS NOT NULL AND end_ts > fault_ts
GROUP BY ALL;

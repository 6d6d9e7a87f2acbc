-- Documented view: one row per ingested run. `started_at` is when the tests ran (the earliest
-- deployment start in its test logs); `run_time` orders runs (started_at, else ingested_at) and `seq`
-- numbers them in that order from 1 (oldest).
CREATE OR REPLACE TEMP VIEW run_overview AS
WITH per_run AS (
  SELECT run_id, min(start_ts) AS started_at, count(*) AS scenarios FROM scenarios GROUP BY run_id
),
issues AS (
  SELECT run_id, count(*) AS issues FROM ingest_issues GROUP BY run_id
)
SELECT r.run_id,
       r.name AS run_name,
       r.root,
       p.started_at,
       r.ingested_at,
       r.labels,
       coalesce(p.scenarios, 0) AS scenarios,
       coalesce(i.issues, 0) AS issues,
       r.fingerprint,
       r.source_files,
       r.source_bytes,
       r.tool_version,
       r.tz,
       coalesce(p.started_at, r.ingested_at) AS run_time,
       row_number() OVER (ORDER BY coalesce(p.started_at, r.ingested_at), r.run_id) AS seq
FROM runs r
LEFT JOIN per_run p USING (run_id)
LEFT JOIN issues i USING (run_id);

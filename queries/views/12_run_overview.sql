-- Documented view: one row per ingested run. `started_at` is when the tests ran (the earliest
-- deployment start in its test logs); `run_time` orders runs (started_at, else ingested_at) and `seq`
-- numbers them in that order from 1 (oldest).
-- Its figures, from the run's rows (a lake whose runs all carry their manifest reads them from there
-- instead: queries/lake/lake_run_overview.sql replaces this view, not run_overview).
CREATE OR REPLACE TEMP VIEW run_overview_figures AS
SELECT r.run_id, p.started_at, coalesce(p.scenarios, 0) AS scenarios, coalesce(i.issues, 0) AS issues
FROM runs r
LEFT JOIN (SELECT run_id, min(start_ts) AS started_at, count(*) AS scenarios FROM scenarios GROUP BY run_id) p
  USING (run_id)
LEFT JOIN (SELECT run_id, count(*) AS issues FROM ingest_issues GROUP BY run_id) i USING (run_id);

CREATE OR REPLACE TEMP VIEW run_overview AS
SELECT r.run_id,
       r.name AS run_name,
       r.root,
       f.started_at,
       r.ingested_at,
       r.labels,
       f.scenarios,
       f.issues,
       r.fingerprint,
       r.source_files,
       r.source_bytes,
       r.tool_version,
       r.tz,
       coalesce(f.started_at, r.ingested_at) AS run_time,
       row_number() OVER (ORDER BY coalesce(f.started_at, r.ingested_at), r.run_id) AS seq
FROM runs r
JOIN run_overview_figures f USING (run_id);

-- AI-Perf run folders → loads. Input: staging load_dirs, filled by the adapter (aiperf.ts / events.ts).
-- The aggregate summaries are attached by ingest_load_aggregates.sql.
INSERT INTO loads
SELECT scenario_id, client, attempt, dir, counted, aggregate_file, NULL, records_file
FROM load_dirs;

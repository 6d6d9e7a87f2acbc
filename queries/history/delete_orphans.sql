-- Rows that belong to no committed run, deleted when a --db file is opened writable. A run is written
-- in one transaction, so there should be none; but a process killed while DuckDB wrote a large commit
-- has left a run's scenario rows without its `runs` row, and a later export or re-ingest would carry
-- them as if they were data (docs/crash-safety.md). Scenarios first, then every table keyed by them.
DELETE FROM scenarios WHERE run_id NOT IN (SELECT run_id FROM runs);
DELETE FROM requests WHERE scenario_id NOT IN (SELECT scenario_id FROM scenarios);
DELETE FROM log_lines WHERE scenario_id NOT IN (SELECT scenario_id FROM scenarios);
DELETE FROM containers WHERE scenario_id NOT IN (SELECT scenario_id FROM scenarios);
DELETE FROM metrics WHERE scenario_id NOT IN (SELECT scenario_id FROM scenarios);
DELETE FROM events WHERE scenario_id NOT IN (SELECT scenario_id FROM scenarios);
DELETE FROM scenario_metrics WHERE scenario_id NOT IN (SELECT scenario_id FROM scenarios);
DELETE FROM loads WHERE scenario_id NOT IN (SELECT scenario_id FROM scenarios);
DELETE FROM harness_events WHERE scenario_id NOT IN (SELECT scenario_id FROM scenarios);
DELETE FROM report_rows WHERE scenario_id NOT IN (SELECT scenario_id FROM scenarios);
DELETE FROM ingest_issues
WHERE (run_id IS NOT NULL AND run_id NOT IN (SELECT run_id FROM runs))
   OR (scenario_id IS NOT NULL AND scenario_id NOT IN (SELECT scenario_id FROM scenarios));

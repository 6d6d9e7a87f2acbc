-- Reading a lake whose runs all carry their manifest (lake format 2, docs/lake.md): run_overview's
-- figures (run_overview_figures, views/12_run_overview.sql) from those each runs file stores, and the
-- scenario keys metric_history reads (views/13_metric_history.sql) from the keys it stores, so that
-- listing runs opens no scenarios or ingest_issues file and a trend no scenarios file. Same columns,
-- types and rows as the views they replace (test/commands/lake.slow.test.ts compares every command
-- with a --db store).
CREATE OR REPLACE TABLE lake_overview AS
SELECT n.run_no AS run_id, f.lake_started_at AS started_at, f.lake_scenarios AS scenarios,
       f.lake_issues AS issues
FROM lake_runs_files f JOIN lake_runs n ON n.lake_run_id = f.run_id;
CREATE OR REPLACE TEMP VIEW run_overview_figures AS
SELECT run_id, started_at, scenarios, issues FROM lake_overview;
-- (a view: computed only by the commands that read metric_history)
CREATE OR REPLACE TEMP VIEW metric_history_scenarios AS
SELECT (k.run_no << 32) + k.s.scenario_id AS scenario_id, k.run_no AS run_id, k.s.test_group, k.s.failure,
       k.s.layout, k.s.dir
FROM (SELECT n.run_no, unnest(f.lake_scenario_keys) AS s
      FROM lake_runs_files f JOIN lake_runs n ON n.lake_run_id = f.run_id) k;

-- Reading a lake: what each run's runs file says of it (lake format 2: the tables it has files for;
-- NULL for a run of lake format 1, whose files are looked for one by one), and whether every run
-- stores its run_overview figures (then lake_run_overview.sql replaces the view).
SELECT run_id AS lake_run_id, lake_tables, lake_scenarios IS NOT NULL AS overview
FROM lake_runs_files;

-- Reading a lake: what the runs files say of the runs (lake format 2: the tables each run has files
-- of; NULL for a run of lake format 1, whose files are looked for one by one), grouped by that list
-- (runs of one ftparse version share it), and whether every run stores its run_overview figures
-- (then lake_run_overview.sql replaces the view).
SELECT lake_tables, list(run_id ORDER BY run_id) AS lake_run_ids, bool_and(lake_scenarios IS NOT NULL AND lake_scenario_keys IS NOT NULL) AS overview
FROM lake_runs_files
GROUP BY lake_tables;

-- Macros every session has (TEMP: per connection, never written to a --db file).
--
-- Reading the rows of some runs out of views over every run (read/*_rows.sql, refresh_metrics.sql):
--
--   SET VARIABLE run_scenarios = run_scenarios($run_ids::BIGINT[]);
--   SELECT … FROM view v … WHERE in_runs(v.scenario_id, s.run_id, $run_ids::BIGINT[])
--
-- The runs' scenario ids as a constant range: a constant range on the views' grouping key is pushed down
-- to the requests scan, which then reads only those runs' row groups (ids are allocated per ingest, so a
-- run's scenarios are contiguous). A filter on run_id alone would summarise every request of the
-- history first. The range must be a session variable (getvariable() is a constant when a statement is
-- planned; a subquery is not), hence the SET before the statement.

-- The first and last scenario id of the given runs, {first, last}.
CREATE OR REPLACE TEMP MACRO run_scenarios(run_ids) AS (
  SELECT {'first': min(scenario_id), 'last': max(scenario_id)}
  FROM scenarios
  WHERE list_contains(run_ids, run_id)
);

-- Whether a scenario id is within that range; needs the variable run_scenarios set (above).
CREATE OR REPLACE TEMP MACRO in_run_range(scenario) AS
  scenario BETWEEN getvariable('run_scenarios').first AND getvariable('run_scenarios').last;

-- Whether a row (its scenario and run) belongs to the given runs; needs run_scenarios set (above).
CREATE OR REPLACE TEMP MACRO in_runs(scenario, run, run_ids) AS
  in_run_range(scenario) AND list_contains(run_ids, run);

-- A DOUBLE, or NULL when it is NaN or ±infinity. For values written into JSON (json_object): DuckDB
-- writes NaN and Infinity as bare tokens, which are not JSON and which JSON.parse refuses. Inputs
-- may hold them (Python's json writes NaN and -1e999 reads as -inf); they are shown as missing (null).
CREATE OR REPLACE TEMP MACRO finite(x) AS CASE WHEN isfinite(x::DOUBLE) THEN x::DOUBLE END;

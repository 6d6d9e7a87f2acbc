-- `ftparse trend`: one stored metric across runs, per test group and failure, oldest run first, with
-- the change from the previous run of the same group and failure. Several scenarios of one group and
-- failure in a run are averaged (`scenarios` says how many).
-- Parameters: $metric; $group, $failure (NULL: all; an exact name or a glob such as 'disagg-*');
-- $last (NULL: every run; else only the N most recent runs).
-- Means and sums add their values in ascending order (docs/metrics.md#fixed-summation-order): the same
-- bytes whatever order the lanes stored the rows in.
-- The run's name, time and labels are not repeated on every row: trend_runs.sql gives them once per
-- run (src/commands/trend.ts joins them), as turning thousands of repeated values and label maps
-- into JS objects cost more than the query.
WITH per_run AS (
  SELECT run_id,
         any_value(seq) AS seq,
         test_group,
         failure,
         min(failure_order) AS failure_order,
         avg(value ORDER BY value) AS value,
         count(*) AS scenarios
  FROM metric_history
  WHERE metric = $metric
    AND ($group::VARCHAR IS NULL OR test_group = $group OR test_group GLOB $group)
    AND ($failure::VARCHAR IS NULL OR failure = $failure OR failure GLOB $failure)
    AND ($last::BIGINT IS NULL OR seq > (SELECT count(*) FROM runs) - $last::BIGINT)
  GROUP BY run_id, test_group, failure
)
SELECT run_id, test_group, failure, failure_order, value,
       value - lag(value) OVER (PARTITION BY test_group, failure ORDER BY seq) AS delta,
       scenarios, seq
FROM per_run
ORDER BY test_group, failure_order, failure, seq;

-- `ftparse compare A B`: every stored metric of run A next to run B, per test group and failure,
-- judged in the metric's unit (docs/compare.md):
--   s     seconds: a regression when the change goes the wrong way (metric_directions) by more than
--         $min_s seconds AND by more than $threshold of |A| (when A is 0, any change past the floor);
--   pp    rates and shares (0..1): judged in percentage points only, by more than $min_pp points;
--   count counts of requests or events: as seconds with the floor $min_count, but only when both runs
--         sent the same number of requests (else 'load_differs': a count then measures the load, not
--         the system), or when $counts asks for it anyway.
-- A value present in one run only is 'missing_a' / 'missing_b'.
-- Parameters: $a, $b (run ids), $threshold (a ratio), $min_s, $min_pp, $min_count, $counts (boolean),
-- $metrics (NULL: every metric), $unit_metrics and $units (parallel lists: the unit of each metric,
-- from the metric catalog in src/check/metrics.ts; a metric not listed is a count).
-- Means and sums add their values in ascending order (docs/metrics.md#fixed-summation-order): the same
-- bytes whatever order the lanes stored the rows in.
WITH a AS (
  SELECT test_group, failure, metric, min(failure_order) AS failure_order, avg(value ORDER BY value) AS value
  FROM metric_history
  WHERE run_id = $a AND ($metrics::VARCHAR[] IS NULL OR list_contains($metrics::VARCHAR[], metric))
  GROUP BY test_group, failure, metric
),
b AS (
  SELECT test_group, failure, metric, min(failure_order) AS failure_order, avg(value ORDER BY value) AS value
  FROM metric_history
  WHERE run_id = $b AND ($metrics::VARCHAR[] IS NULL OR list_contains($metrics::VARCHAR[], metric))
  GROUP BY test_group, failure, metric
),
-- requests sent per run, group and failure (successes and failures, before and after the fault)
load AS (
  SELECT test_group, failure,
         sum(value) FILTER (WHERE run_id = $a) AS load_a,
         sum(value) FILTER (WHERE run_id = $b) AS load_b
  FROM (SELECT run_id, test_group, failure, metric, avg(value) AS value
        FROM metric_history
        WHERE run_id IN ($a, $b)
          AND metric IN ('success_before', 'failed_before', 'success_after', 'failed_after')
        GROUP BY run_id, test_group, failure, metric)
  GROUP BY test_group, failure
),
both_runs AS (
  SELECT test_group, failure, metric,
         coalesce(a.failure_order, b.failure_order) AS failure_order,
         a.value AS a, b.value AS b
  FROM a FULL JOIN b USING (test_group, failure, metric)
),
judged AS (
  SELECT r.*,
         b - a AS delta,
         CASE WHEN a <> 0 THEN (b - a) / abs(a) END AS delta_ratio,
         coalesce((SELECT d.better FROM metric_directions d WHERE regexp_matches(metric, d.pattern)
                   ORDER BY d.ord LIMIT 1), 'lower') AS better,
         coalesce(list_extract($units::VARCHAR[], list_position($unit_metrics::VARCHAR[], metric)), 'count') AS unit,
         l.load_a IS NOT NULL AND l.load_a = l.load_b AS same_load
  FROM both_runs r
  LEFT JOIN load l USING (test_group, failure)
),
floored AS (
  SELECT *,
         CASE unit WHEN 'pp' THEN delta * 100 ELSE delta END AS delta_in_unit,
         CASE unit WHEN 's' THEN $min_s::DOUBLE WHEN 'pp' THEN $min_pp::DOUBLE
                   ELSE $min_count::DOUBLE END AS min_delta
  FROM judged
)
SELECT test_group, failure, failure_order, metric, unit, a, b, delta, delta_in_unit, delta_ratio,
       min_delta, better,
       CASE WHEN a IS NULL AND b IS NULL THEN 'same'
            WHEN a IS NULL THEN 'missing_a'
            WHEN b IS NULL THEN 'missing_b'
            WHEN unit = 'count' AND NOT same_load AND NOT $counts::BOOLEAN AND a <> b THEN 'load_differs'
            -- rounded: 0.41 - 0.40 is 0.00999…, not 1 pp
            WHEN round(abs(delta_in_unit), 9) > min_delta
                 AND (unit = 'pp' OR a = 0 OR abs(b - a) / abs(a) > $threshold::DOUBLE)
              THEN CASE WHEN (better = 'lower') = (b > a) THEN 'regression' ELSE 'improvement' END
            ELSE 'same' END AS status
FROM floored
ORDER BY test_group, failure_order, failure, list_position(getvariable('metric_names'), metric), metric;

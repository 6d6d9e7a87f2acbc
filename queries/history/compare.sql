-- `ftparse compare A B`: every stored metric of run A next to run B, per test group and failure.
-- A change the wrong way (metric_directions) by more than $threshold (a ratio of |A|; when A is 0,
-- any change) is a regression; the right way, an improvement; else 'same'. A value present in one run
-- only (N/A in the other, or the scenario is missing) is 'missing_a' / 'missing_b'.
-- Parameters: $a, $b (run ids), $threshold, $metrics (NULL: every metric).
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
both_runs AS (
  SELECT test_group, failure, metric,
         coalesce(a.failure_order, b.failure_order) AS failure_order,
         a.value AS a, b.value AS b
  FROM a FULL JOIN b USING (test_group, failure, metric)
),
judged AS (
  SELECT *,
         b - a AS delta,
         CASE WHEN a <> 0 THEN (b - a) / abs(a) END AS delta_ratio,
         coalesce((SELECT d.better FROM metric_directions d WHERE regexp_matches(metric, d.pattern)
                   ORDER BY d.ord LIMIT 1), 'lower') AS better
  FROM both_runs
)
SELECT test_group, failure, failure_order, metric, a, b, delta, delta_ratio, better,
       CASE WHEN a IS NULL AND b IS NULL THEN 'same'
            WHEN a IS NULL THEN 'missing_a'
            WHEN b IS NULL THEN 'missing_b'
            WHEN (a = 0 AND b <> 0) OR (a <> 0 AND abs(b - a) / abs(a) > $threshold::DOUBLE)
              THEN CASE WHEN (better = 'lower') = (b > a) THEN 'regression' ELSE 'improvement' END
            ELSE 'same' END AS status
FROM judged
ORDER BY test_group, failure_order, failure, list_position(getvariable('metric_names'), metric), metric;

-- Repeated runs aggregated (docs/aggregate.md): one row per test group × failure across the chosen
-- scenarios, with `runs` (how many runs had that pair), `scenarios`, and for every numeric metric K of
-- the JSON contract K_mean, K_min, K_max and K_sd (sample standard deviation: NULL with fewer than two
-- values). A metric's N/A values are left out of its figures, as avg() and friends do.
-- Needs the views `summary` and `summary_ext`; the chosen scenarios are the variables set by
-- summary_aggregate_rows.sql (a view takes no parameters).
-- Means and sums add their values in ascending order (docs/metrics.md#fixed-summation-order): the same
-- bytes whatever order the lanes stored the rows in.
CREATE OR REPLACE TEMP VIEW summary_aggregate AS
WITH metrics AS (
  -- the numeric metrics, in the order of the JSON contract; every other column is a key
  SELECT m.test_group, m.failure, m.failure_order, m.run_id,
         m.startup_s, m.success_before, m.failed_before, m.success_after, m.failed_after,
         m.latency_before_s, m.latency_after_s, m.recovery_s, m.violations_before, m.violations_after,
         e.p50_before_s, e.p90_before_s, e.p99_before_s, e.p50_after_s, e.p90_after_s, e.p99_after_s,
         e.success_rate_before, e.success_rate_after, e.ttfs_s, e.recovered_s,
         e.outage_count, e.outage_longest_s, e.outage_total_s,
         e.component_restart_s, e.component_ready_s, e.clients_hit_share
  FROM summary m LEFT JOIN summary_ext e USING (scenario_id)
  -- the constant range lets the scan of a --db history skip other runs (as in summary_ext_rows.sql)
  WHERE m.scenario_id BETWEEN getvariable('aggregate_first') AND getvariable('aggregate_last')
    AND list_contains(getvariable('aggregate_ids'), m.scenario_id)
)
SELECT test_group, failure,
       count(DISTINCT run_id) AS runs,
       count(*) AS scenarios,
       min(failure_order) AS failure_order,
       avg(COLUMNS(* EXCLUDE (test_group, failure, failure_order, run_id))
           ORDER BY COLUMNS(* EXCLUDE (test_group, failure, failure_order, run_id))) AS "\0_mean",
       min(COLUMNS(* EXCLUDE (test_group, failure, failure_order, run_id))) AS "\0_min",
       max(COLUMNS(* EXCLUDE (test_group, failure, failure_order, run_id))) AS "\0_max",
       stddev_samp(COLUMNS(* EXCLUDE (test_group, failure, failure_order, run_id))
                   ORDER BY COLUMNS(* EXCLUDE (test_group, failure, failure_order, run_id))) AS "\0_sd"
FROM metrics
GROUP BY test_group, failure;

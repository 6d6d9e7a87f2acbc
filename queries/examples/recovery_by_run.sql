-- Recovery (seconds) of every failure, one row per run: which run made recovery slower?
-- ftparse query -f queries/examples/recovery_by_run.sql --db history.duckdb
SELECT run_id, run_name, run_time, labels, test_group, failure, round(value, 2) AS recovery_s
FROM metric_history
WHERE metric = 'recovery_s'
ORDER BY test_group, failure_order, run_time;

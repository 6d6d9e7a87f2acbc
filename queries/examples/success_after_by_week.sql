-- Share of attempts after the fault that succeeded, per ISO week and failure, over every run.
-- ftparse query -f queries/examples/success_after_by_week.sql --db history.duckdb --format csv
SELECT date_trunc('week', run_time) AS week,
       failure,
       count(DISTINCT run_id) AS runs,
       round(sum(value) FILTER (WHERE metric = 'success_after')
             / nullif(sum(value) FILTER (WHERE metric IN ('success_after', 'failed_after')), 0), 4) AS success_after_ratio
FROM metric_history
GROUP BY ALL
ORDER BY week, failure;

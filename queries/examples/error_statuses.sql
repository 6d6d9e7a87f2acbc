-- Failed attempts by HTTP status / error text, per run and failure (straight from the requests table).
-- ftparse query -f queries/examples/error_statuses.sql --db history.duckdb
SELECT s.run_id, s.test_group, s.failure,
       coalesce(CAST(q.status_code AS VARCHAR), left(q.error, 60), 'short or empty content') AS error,
       count(*) AS attempts
FROM requests q JOIN scenarios s USING (scenario_id)
WHERE NOT q.success
GROUP BY ALL
ORDER BY s.run_id, s.test_group, s.failure, attempts DESC;

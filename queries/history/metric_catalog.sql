-- Session variables describing the metrics (read by refresh_metrics.sql, metric_names.sql and the
-- staleness check):
--   metric_names    the numeric columns of history_metrics, ids excluded, in column order;
--   metrics_version a hash of the SQL of the views metrics come from (history_metrics and every view
--                   it reads). A run whose stored metrics were computed under another hash is
--                   recomputed (ftparse's metric SQL changed).
SET VARIABLE metric_names = (
  SELECT coalesce(list(column_name), [])
  FROM (DESCRIBE history_metrics)
  WHERE (column_type IN ('TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'UTINYINT', 'USMALLINT',
                         'UINTEGER', 'UBIGINT', 'FLOAT', 'DOUBLE')
         OR column_type LIKE 'DECIMAL%')
    AND column_name NOT IN ('scenario_id', 'run_id')
);
SET VARIABLE metrics_version = (
  SELECT md5(string_agg(view_name || ':' || sql, chr(10) ORDER BY view_name))
  FROM duckdb_views()
  WHERE temporary AND view_name IN ('request_split', 'summary', 'failed_component', 'request_errors',
                                    'client_seconds', 'outages', 'summary_ext', 'history_metrics')
);

-- Per-request record files whose parsed row count differs from their physical line count (blank lines),
-- or that are not valid UTF-8.
SELECT s.file, any_value(d.scenario_id) AS scenario_id
FROM record_file_stats s JOIN load_dirs d ON d.records_file = s.file
WHERE (s.rows <> s.lines AND s.lines > 0) OR s.lines IS NULL
GROUP BY s.file;

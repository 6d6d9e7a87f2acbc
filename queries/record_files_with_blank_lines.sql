-- Per-request record files whose parsed row count differs from their physical line count (blank lines).
SELECT s.file, any_value(d.scenario_id) AS scenario_id
FROM record_file_stats s JOIN load_dirs d ON d.records_file = s.file
WHERE s.rows <> s.lines AND s.lines > 0
GROUP BY s.file;

-- Per-request record files whose parsed row count differs from their physical line count (blank lines).
SELECT file FROM record_file_stats WHERE rows <> lines AND lines > 0;

-- Client logs whose parsed row count differs from their physical line count (they hold blank lines).
SELECT file FROM client_file_stats WHERE rows <> lines AND lines > 0;

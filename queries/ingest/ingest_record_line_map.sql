-- For per-request record files with blank lines (AI-Perf profile_export.jsonl): map the k-th non-blank
-- line to its physical line number. DuckDB's NDJSON reader skips lines that are empty or whitespace,
-- so row k is non-blank line k. Reads the text of those files, loaded into `texts`.
INSERT INTO client_line_map
SELECT file, row_number() OVER (PARTITION BY file ORDER BY line_no) AS row_no, line_no
FROM nonblank_file_lines();

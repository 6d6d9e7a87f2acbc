-- For client logs with blank lines only: map the k-th non-blank line to its physical line number.
-- (DuckDB's NDJSON reader skips lines that are empty or whitespace, so row k is non-blank line k.)
-- Parameters: $files (the files whose parsed row count differs from their line count), $readable (those of
-- them read_text can read; the others are in decoded_texts).
INSERT INTO client_line_map
SELECT file, row_number() OVER (PARTITION BY file ORDER BY line_no) AS row_no, line_no
FROM file_lines($readable, $files)
-- Blank = only the characters DuckDB's NDJSON reader skips as whitespace (space, \t, \v, \f, \r):
-- with any other notion a line of "\f" shifts every later line number by one.
WHERE trim(raw, ' ' || chr(9) || chr(11) || chr(12) || chr(13)) <> '';

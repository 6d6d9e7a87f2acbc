-- Legacy client logs (client_N.log.txt, JSON Lines, one line per request) → requests + ingest_issues.
-- Input: the staging table client_files(file, scenario_id, client, run_id) and $files, the same paths
-- as a list; $readable, those read_text can read (the others are in decoded_texts, see textFiles.ts).
--
-- Fast path: DuckDB's typed NDJSON reader. With ignore_errors it yields one row per non-blank line
-- (NULL columns for lines it cannot parse), in file order, so a row's rank within its file is its line
-- number unless the file has blank lines; client_line_map (filled by ingest_client_line_map.sql for
-- those few files) corrects that.

CREATE OR REPLACE TEMP TABLE client_raw AS
SELECT filename AS file,
       row_number() OVER (PARTITION BY filename ORDER BY ordinality) AS row_no,
       time,
       results
FROM read_json($files,
       format = 'newline_delimited', ignore_errors = true, filename = true,
       maximum_object_size = 268435456,
       columns = {time: 'VARCHAR',
                  results: 'STRUCT(status JSON, result JSON, request_elapsed_time DOUBLE, pod VARCHAR,
                            start_ms DOUBLE, end_ms DOUBLE)[]'})
     WITH ORDINALITY;

-- Physical line counts per file: a file with fewer parsed rows than lines has blank lines.
CREATE OR REPLACE TEMP TABLE client_file_stats AS
SELECT f.file,
       coalesce(t.lines, 0) AS lines,
       coalesce(r.rows, 0) AS rows
FROM client_files f
LEFT JOIN (
  SELECT filename AS file,
         strlen(content) - strlen(replace(content, chr(10), ''))
           + CASE WHEN strlen(content) > 0 AND NOT suffix(content, chr(10)) THEN 1 ELSE 0 END AS lines
  FROM (SELECT filename, content FROM read_text($readable)
        UNION ALL SELECT filename, content FROM decoded_texts WHERE filename IN (SELECT file FROM client_files))
) t ON t.file = f.file
LEFT JOIN (SELECT file, count(*) AS rows FROM client_raw GROUP BY file) r ON r.file = f.file;

CREATE OR REPLACE TEMP TABLE client_line_map (file VARCHAR, row_no BIGINT, line_no BIGINT);

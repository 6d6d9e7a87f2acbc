-- The exact path for the client logs listed by client_files_for_exact_read.sql, whose text is loaded
-- into `texts`: every non-blank line is parsed on its own (one line can never swallow the next), with
-- the same typed shape as the fast read, and replaces that file's rows in client_raw; client_line_map
-- maps each row's rank within its file to its physical line number.

DELETE FROM client_raw WHERE file IN (SELECT filename FROM texts);

CREATE OR REPLACE TEMP TABLE client_exact_lines AS
SELECT file, line_no, raw
FROM nonblank_file_lines();

-- In file and line order, so that the rows of a file are contiguous in client_raw (its rank is rowid-based).
INSERT INTO client_raw
SELECT file,
       CASE WHEN j IS NOT NULL THEN j.time END AS time,
       CASE WHEN j IS NOT NULL THEN j.results END AS results
FROM (
  SELECT file, line_no,
         CASE WHEN json_valid(raw) AND json_type(raw) = 'OBJECT'
              THEN json_transform(raw, '{"time": "VARCHAR",
                                         "results": [{"status": "JSON",
                                                      "result": {"choices": [{"message": "MAP(VARCHAR, JSON)"}],
                                                                 "usage": {"completion_tokens": "VARCHAR"}},
                                                      "request_elapsed_time": "DOUBLE", "pod": "VARCHAR",
                                                      "start_ms": "DOUBLE", "end_ms": "DOUBLE"}]}') END AS j
  FROM client_exact_lines
)
ORDER BY file, line_no;

INSERT INTO client_line_map
SELECT file, row_number() OVER (PARTITION BY file ORDER BY line_no) AS row_no, line_no
FROM client_exact_lines;

DROP TABLE client_exact_lines;

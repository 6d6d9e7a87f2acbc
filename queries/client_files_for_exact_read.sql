-- Client logs the fast read may not map one row to one line: those that may hold blank lines or are
-- not valid UTF-8 (see ingest_client_logs.sql), and those with a row the reader could not parse:
-- DuckDB's NDJSON reader, recovering from an incomplete record, may take the next line into it (a line
-- cut after `"url":` makes the following, valid line an error too). These files are parsed again line
-- by line (ingest_client_exact.sql). Files with a line over 8 MiB keep the fast read (re-splitting them
-- would not fit the memory cap); their lines after a broken record may be reported as broken too.
SELECT s.file, s.scenario_id
FROM client_file_stats s
WHERE s.maybe_blank
   OR (coalesce(s.longest_line, 0) <= 8388608
       AND EXISTS (SELECT 1 FROM client_raw r WHERE r.file = s.file AND (r.time IS NULL OR r.results IS NULL)))
ORDER BY s.file;

-- Client logs the fast read (ingest_client_logs.sql) may not have read one row per line, or exactly:
-- - fewer or more lines read than physical lines (client_file_stats): blank lines, which the reader skips,
--   or a broken record that took the next line into it (a line cut after `"url":` makes the
--   following, valid line an error too);
-- - not valid UTF-8 (their text is decoded by src/ingest/readers/textFiles.ts);
-- - a row the reader could not parse, or an attempt whose content length the fast typing may get
--   wrong (content_suspect in staging.sql), unless the file has a line over $resplit_max bytes
--   (src/ingest/adapters/legacy.ts): re-splitting such a file would not fit the memory cap, so its fast read
--   stands.
-- The last-line rule: a file whose only broken row is its last one, with as many rows as lines, keeps
-- its fast read. There is no line after the last for a broken record to swallow, so each row is still
-- its line, and a line the reader cannot parse reads as one row of NULLs, as the exact parse reads it
-- (the usual damage: a log cut short by a crash or a half-copied file).
-- These files are parsed again line by line (ingest_client_exact.sql).
SELECT f.file, f.scenario_id
FROM client_file_stats s
JOIN client_files f USING (file_no)
LEFT JOIN (SELECT file_no, count(*) FILTER (WHERE attempt = 1) AS n_rows,
                  -- the first broken row's seq, and the last row's (seq: its rank, ingest_client_logs.sql)
                  min(seq) FILTER (WHERE time IS NULL OR n_attempts IS NULL) AS first_broken,
                  max(seq) AS last_seq, bool_or(suspect) AS suspect
           FROM client_raw GROUP BY file_no) r USING (file_no)
WHERE NOT s.valid
   OR coalesce(r.n_rows, 0) <> s.lines
   OR (coalesce(s.longest_line, 0) <= $resplit_max AND (r.first_broken < r.last_seq OR r.suspect))
ORDER BY f.file;

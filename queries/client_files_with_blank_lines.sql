-- Client logs that may hold blank lines or are not valid UTF-8 (see ingest_client_logs.sql): they get
-- the exact line map (the invalid ones after their text is decoded into decoded_texts).
SELECT file, scenario_id FROM client_file_stats WHERE maybe_blank ORDER BY file;

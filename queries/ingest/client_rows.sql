-- The client-log lines as rows (the step between ingest_client_logs.sql and ingest_client_requests.sql):
-- one row per attempt, or per line without one, with its scenario, client, line number and logged time.
-- Input: client_raw (ingest_client_logs.sql) and the staging table client_files. Parameter: $tz.
-- client_file_ranks and client_times are its lookups (dropped with it by ingest_client_requests.sql).

-- Each file's path, scenario, client and first seq (for client_line_no in staging.sql).
CREATE OR REPLACE TEMP TABLE client_file_ranks AS
SELECT f.file_no, f.file, f.scenario_id, f.client, s.first_seq
FROM client_files f
LEFT JOIN (SELECT file_no, min(seq) AS first_seq FROM client_raw GROUP BY file_no) s USING (file_no);

-- `time` is naive runner-local time (read in $tz) unless it carries its own zone. Converted once per
-- distinct value (a client logs whole seconds: far fewer values than lines; the zone conversion was a
-- third of this file's cost).
CREATE OR REPLACE TEMP TABLE client_times AS
SELECT time, client_logged_ts(time, $tz) AS logged_ts
FROM (SELECT DISTINCT time FROM client_raw WHERE time IS NOT NULL);

CREATE OR REPLACE TEMP VIEW client_rows AS
SELECT f.scenario_id, f.client, f.file, r.file_no,
       client_line_no(r.line_no, r.seq, f.first_seq) AS line_no,
       t.logged_ts,
       r.attempt <= r.n_attempts AS is_attempt,
       r.attempt_ok, r.attempt, r.status_code, r.error, r.latency_s, r.pod, r.start_ts, r.end_ts,
       r.output_tokens, r.content_chars
FROM client_raw r
JOIN client_file_ranks f USING (file_no)
LEFT JOIN client_times t USING (time);

-- Every failed request attempt with its error class (SPEC §3.2 error breakdown). Classes, in order:
-- an HTTP status other than 2xx → `http_<code>`; a 2xx reply without ≥ 100 characters of content →
-- `invalid_content`; otherwise the first rule below whose pattern matches the client's error text;
-- nothing matched → `other`. The rules are data: add a WHEN line for a new client's wording (the first
-- matching line wins).
--
-- Performance: the patterns are literals in a CASE, not rows of a rules table joined on
-- regexp_matches(error, r.pattern): DuckDB compiles a pattern that is a column value again for every
-- row (≈ 1.5 s for 24k failed attempts × 4 rules on bench/ 220-scenario tree); a literal is compiled once.
CREATE OR REPLACE TEMP VIEW request_errors AS
SELECT scenario_id, client, file, line_no, attempt, end_ts,
       CASE WHEN status_code BETWEEN 200 AND 299 THEN 'invalid_content'
            WHEN status_code IS NOT NULL THEN 'http_' || status_code
            WHEN regexp_matches(error, 'Read timed out|ReadTimeout|read timeout') THEN 'read_timeout'
            WHEN regexp_matches(error, 'Connection refused|ECONNREFUSED|Errno 111|NewConnectionError')
              THEN 'connection_refused'
            WHEN regexp_matches(error, 'RemoteDisconnected|Connection aborted|Connection reset|ECONNRESET|IncompleteRead|ChunkedEncodingError')
              THEN 'connection_closed'
            WHEN regexp_matches(error, '(?i)cancel') THEN 'cancelled'
            ELSE 'other' END AS error_class
FROM requests
WHERE counted AND NOT success;

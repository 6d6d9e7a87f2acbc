-- Every failed request attempt with its error class (SPEC §3.2 error breakdown). Classes, in order:
-- an HTTP status other than 2xx → `http_<code>`; a 2xx reply without ≥ 100 characters of content →
-- `invalid_content`; otherwise the first rule below whose pattern matches the client's error text;
-- nothing matched → `other`. The rules are data: add a row for a new client's wording.
CREATE OR REPLACE TEMP VIEW request_errors AS
WITH rules(ord, error_class, pattern) AS (VALUES
  (1, 'read_timeout', 'Read timed out|ReadTimeout|read timeout'),
  (2, 'connection_refused', 'Connection refused|ECONNREFUSED|Errno 111|NewConnectionError'),
  (3, 'connection_closed', 'RemoteDisconnected|Connection aborted|Connection reset|ECONNRESET|IncompleteRead|ChunkedEncodingError'),
  (4, 'cancelled', '(?i)cancel')
),
failed AS (
  SELECT scenario_id, client, file, line_no, attempt, end_ts, status_code, error
  FROM requests
  WHERE counted AND NOT success
),
matched AS (
  SELECT f.scenario_id, f.file, f.line_no, f.attempt, arg_min(r.error_class, r.ord) AS error_class
  FROM failed f JOIN rules r ON regexp_matches(f.error, r.pattern)
  WHERE f.status_code IS NULL
  GROUP BY ALL
)
SELECT f.scenario_id, f.client, f.file, f.line_no, f.attempt, f.end_ts,
       CASE WHEN f.status_code BETWEEN 200 AND 299 THEN 'invalid_content'
            WHEN f.status_code IS NOT NULL THEN 'http_' || f.status_code
            ELSE coalesce(m.error_class, 'other') END AS error_class
FROM failed f
LEFT JOIN matched m USING (scenario_id, file, line_no, attempt);

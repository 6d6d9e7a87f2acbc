-- Every failed request attempt with its error class (docs/metrics.md#errors). Classes, in order:
-- an HTTP status other than 2xx → `http_<code>`; a 2xx reply without ≥ 100 characters of content →
-- `invalid_content`; otherwise the first rule below whose pattern matches the client's error text;
-- nothing matched → `other`. The rules are data: add a WHEN line for a new client's wording (the first
-- matching line wins).
--
-- Performance: the patterns are literals in a CASE, not rows of a rules table joined on
-- regexp_matches(error, r.pattern): DuckDB compiles a pattern that is a column value again for every
-- row; a literal is compiled once. Literal wordings are tested with contains() (a substring search),
-- not one regex of alternatives, which is cheaper (docs/performance.md#measurements-behind-the-code). `(?i)cancel` is ILIKE '%cancel%' (no other character folds to these).
CREATE OR REPLACE TEMP VIEW request_errors AS
SELECT scenario_id, client, file, line_no, attempt, end_ts,
       CASE WHEN status_code BETWEEN 200 AND 299 THEN 'invalid_content'
            WHEN status_code IS NOT NULL THEN 'http_' || status_code
            WHEN contains(error, 'Read timed out') OR contains(error, 'ReadTimeout') OR contains(error, 'read timeout')
              THEN 'read_timeout'
            WHEN contains(error, 'Connection refused') OR contains(error, 'ECONNREFUSED') OR contains(error, 'Errno 111')
                 OR contains(error, 'NewConnectionError')
              THEN 'connection_refused'
            WHEN contains(error, 'RemoteDisconnected') OR contains(error, 'Connection aborted')
                 OR contains(error, 'Connection reset') OR contains(error, 'ECONNRESET') OR contains(error, 'IncompleteRead')
                 OR contains(error, 'ChunkedEncodingError')
              THEN 'connection_closed'
            WHEN error ILIKE '%cancel%' THEN 'cancelled'
            ELSE 'other' END AS error_class
FROM requests
WHERE counted AND NOT success;

-- client_raw with no rows, for a task whose client logs all skip the fast read (src/ingest/adapters/legacy.ts):
-- the columns ingest_client_logs.sql creates, which the exact read (ingest_client_exact.sql) fills.
CREATE OR REPLACE TEMP TABLE client_raw (
  file_no INTEGER, seq BIGINT, line_no BIGINT, time VARCHAR, n_attempts BIGINT, attempt BIGINT,
  attempt_ok BOOLEAN, status_code INTEGER, error VARCHAR, latency_s DOUBLE, pod VARCHAR,
  start_ts TIMESTAMPTZ, end_ts TIMESTAMPTZ, output_tokens INTEGER, content_chars BIGINT, suspect BOOLEAN
);

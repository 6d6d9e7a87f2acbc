-- The canonical model (docs/contract.md#canonical-tables). Every layout's adapter fills these tables; every metric is SQL over
-- them. Times are TIMESTAMPTZ in UTC; durations are DOUBLE seconds.
--
-- This file is always the LATEST schema. db.ts runs it on every writable open, after any pending
-- migrations (queries/migrations/NNN_name.sql), so it must stay idempotent (IF NOT EXISTS) and must
-- never write rows. A change that existing files need (a new column, a dropped table) also needs a
-- migration; a new table only needs to be added here. Reference data lives in reference_data.sql
-- (TEMP tables per connection), so that read-only and concurrent opens never write.

CREATE SEQUENCE IF NOT EXISTS run_id_seq START 1;
CREATE SEQUENCE IF NOT EXISTS scenario_id_seq START 1;

CREATE TABLE IF NOT EXISTS runs (
  run_id       BIGINT PRIMARY KEY,
  root         VARCHAR NOT NULL,        -- the PATH the user gave, as given
  fingerprint  VARCHAR,                 -- content hash of the tree (idempotent re-ingest)
  ingested_at  TIMESTAMPTZ NOT NULL,
  labels       MAP(VARCHAR, VARCHAR),
  tool_version VARCHAR,
  tz           VARCHAR,                 -- zone the naive timestamps were read in (--tz)
  -- since schema version 2 (history)
  name            VARCHAR,              -- --run-id: the user's name for the run (unique when given)
  source_files    BIGINT,               -- files hashed into the fingerprint
  source_bytes    BIGINT,
  metrics_version VARCHAR               -- which metric SQL filled scenario_metrics for this run
);

CREATE TABLE IF NOT EXISTS scenarios (
  scenario_id   BIGINT PRIMARY KEY,
  run_id        BIGINT NOT NULL,
  dir           VARCHAR NOT NULL,       -- absolute path of the scenario directory
  name          VARCHAR NOT NULL,       -- directory base name
  layout        VARCHAR NOT NULL,       -- legacy | aiperf | events | early
  test_group    VARCHAR NOT NULL,
  failure       VARCHAR NOT NULL,
  backend       VARCHAR,                -- vllm / sglang / trtllm when the group name says so
  start_ts      TIMESTAMPTZ,            -- test.log: Starting Deployment …
  ready_ts      TIMESTAMPTZ,            -- test.log: Deployment … is ready (either wording)
  ready_wording VARCHAR,                -- 'reference' | 'newer': which ready line was found
  fault_ts      TIMESTAMPTZ,            -- test.log: Injecting failure for: (last one)
  fault_target  VARCHAR,                -- pod_name= of the Failure(...) repr
  fault_command VARCHAR,
  fault_signal  VARCHAR,
  -- Which sub-variant of its layout a scenario directory is (aiperf: client_attempts; events: flat,
  -- per_rung, load_results, bundle, report_only; comma-joined when a directory mixes them).
  layout_variant VARCHAR,
  -- Startup as the harness itself reported it (events: fault_tolerance_report.json `startup_s`), for
  -- layouts whose test log has no deployment start/ready lines.
  startup_reported_s DOUBLE
);

-- One row per request *attempt* (the reference parser counts attempts).
CREATE TABLE IF NOT EXISTS requests (
  scenario_id   BIGINT NOT NULL,
  client        VARCHAR NOT NULL,
  file          VARCHAR NOT NULL,
  line_no       BIGINT NOT NULL,        -- 1-based physical line in file
  attempt       INTEGER NOT NULL,       -- 0-based index within the line (legacy) or attempt folder (aiperf)
  counted       BOOLEAN NOT NULL DEFAULT TRUE, -- whether the reference summary counts this row
  start_ts      TIMESTAMPTZ,
  end_ts        TIMESTAMPTZ,            -- best known completion time (ms precision when the client logs it)
  end_ts_logged TIMESTAMPTZ,            -- completion time as logged (second-truncated in legacy logs)
  latency_s     DOUBLE,
  status_code   INTEGER,
  error         VARCHAR,                -- exception text / error object when there is no HTTP status
  success       BOOLEAN NOT NULL,
  content_chars INTEGER,
  ttft_s        DOUBLE,
  itl_s         DOUBLE,
  output_tokens INTEGER,
  pod           VARCHAR
);

CREATE TABLE IF NOT EXISTS log_lines (
  scenario_id BIGINT NOT NULL,
  service     VARCHAR NOT NULL,         -- folder name (Frontend, VllmDecodeWorker, …)
  pod         VARCHAR NOT NULL,
  incarnation VARCHAR NOT NULL,         -- current | previous | before_delete | before_delete_previous
  file        VARCHAR NOT NULL,
  line_no     BIGINT NOT NULL,
  ts          TIMESTAMPTZ,              -- NULL for lines without a readable timestamp
  level       VARCHAR,
  message     VARCHAR
);

CREATE TABLE IF NOT EXISTS containers (
  scenario_id   BIGINT NOT NULL,
  service       VARCHAR NOT NULL,
  pod           VARCHAR NOT NULL,
  snapshot      VARCHAR NOT NULL,       -- current | before_delete
  container     VARCHAR NOT NULL,
  incarnation   VARCHAR NOT NULL,       -- current | last_terminated
  restart_count INTEGER,
  started_at    TIMESTAMPTZ,
  finished_at   TIMESTAMPTZ,
  exit_code     INTEGER,
  reason        VARCHAR,
  file          VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS metrics (
  scenario_id BIGINT NOT NULL,
  service     VARCHAR NOT NULL,
  pod         VARCHAR NOT NULL,
  snapshot    VARCHAR NOT NULL,         -- current | before_delete | a timestamp label for JSONL series
  ts          TIMESTAMPTZ,
  name        VARCHAR NOT NULL,
  labels      MAP(VARCHAR, VARCHAR),
  value       DOUBLE
);

CREATE TABLE IF NOT EXISTS events (
  scenario_id BIGINT NOT NULL,
  ts          TIMESTAMPTZ NOT NULL,
  kind        VARCHAR NOT NULL,         -- deploy_start | ready | fault | ready_line | container_start | container_exit | …
  service     VARCHAR,
  pod         VARCHAR,
  detail      VARCHAR
);

CREATE TABLE IF NOT EXISTS ingest_issues (
  run_id      BIGINT,
  scenario_id BIGINT,
  file        VARCHAR,
  line_no     BIGINT,
  severity    VARCHAR NOT NULL,         -- warning | error
  message     VARCHAR NOT NULL
);

-- Stored per-scenario metrics (schema version 2), one row per scenario and metric: the numeric
-- columns of the `history_metrics` view (queries/history_metrics.sql), computed once at ingest so
-- that trend and compare read a few thousand rows instead of every request of every run. Recomputed
-- whenever the metric SQL changes (runs.metrics_version, see metric_catalog.sql). Long format, so a
-- new metric needs no schema change.
CREATE TABLE IF NOT EXISTS scenario_metrics (
  scenario_id BIGINT NOT NULL,
  metric      VARCHAR NOT NULL,
  value       DOUBLE                    -- NULL: no value (N/A)
);

-- Which schema versions this file went through (version 1 = the first committed schema.sql).
CREATE TABLE IF NOT EXISTS schema_version (
  version      INTEGER PRIMARY KEY,
  name         VARCHAR NOT NULL,
  via          VARCHAR NOT NULL,        -- schema.sql (created at this version) | migration | found
  applied_at   TIMESTAMPTZ NOT NULL,
  tool_version VARCHAR
);

-- ---------------------------------------------------------------------------------------------------
-- Newer layouts (docs/layouts/events.md, docs/layouts/aiperf.md): AI-Perf client attempts (aiperf) and the event
-- harness (events). Added at the end so that older databases gain them on open.

-- (scenarios.layout_variant and scenarios.startup_reported_s: see the scenarios table and
-- migrations/003_layouts.sql.)

-- One AI-Perf run: a G1 client attempt folder (client_N/attempt_M) or a G2 load folder, with its
-- aggregate summary (profile_export_aiperf.json) as read. A G1 client folder without any attempt is a
-- row with attempt NULL (Dynamo still counts it as a client).
CREATE TABLE IF NOT EXISTS loads (
  scenario_id    BIGINT NOT NULL,
  client         VARCHAR NOT NULL,      -- G1: client id ('0', '1', …); G2: load name ('default', 'c72', …)
  attempt        INTEGER,               -- G1: attempt number; G2: 0
  dir            VARCHAR NOT NULL,
  counted        BOOLEAN NOT NULL,      -- its requests are the ones the reference summary counts
  aggregate_file VARCHAR,               -- profile_export_aiperf.json, when the file exists
  aggregate      JSON,                  -- its content; NULL when absent or not valid JSON
  records_file   VARCHAR                -- profile_export.jsonl, when the file exists
);

-- The event harness's own timeline (fault_tolerance_report.json `events[]`), in its order.
CREATE TABLE IF NOT EXISTS harness_events (
  scenario_id   BIGINT NOT NULL,
  seq           INTEGER NOT NULL,       -- 1-based position in events[]
  type          VARCHAR,                -- StartLoad, DeletePod, TerminateProcess, WaitForRecovery, …
  description   VARCHAR,
  name          VARCHAR,
  started_at    TIMESTAMPTZ,
  ended_at      TIMESTAMPTZ,
  started_at_ns BIGINT,                 -- as written (Dynamo splits requests on this value)
  ended_at_ns   BIGINT,
  detail        JSON                    -- the whole event object (services, duration, … when present)
);

-- FaultToleranceReport's rows as the event harness recorded them (fault_tolerance_report.json `rows`),
-- in their order: `--as dynamo` shows these when present, since some of their values (a
-- NetworkPartition's recovery: its configured duration) are in no other file. The whole row object.
CREATE TABLE IF NOT EXISTS report_rows (
  scenario_id BIGINT NOT NULL,
  row_no      INTEGER NOT NULL,         -- 0-based position in rows[]
  row         JSON
);

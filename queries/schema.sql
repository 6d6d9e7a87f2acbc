-- The canonical model (SPEC §2). Every layout's adapter fills these tables; every metric is SQL over
-- them. Times are TIMESTAMPTZ in UTC; durations are DOUBLE seconds. Created idempotently so that a
-- persistent database (--db) can be opened again.

CREATE SEQUENCE IF NOT EXISTS run_id_seq START 1;
CREATE SEQUENCE IF NOT EXISTS scenario_id_seq START 1;

CREATE TABLE IF NOT EXISTS runs (
  run_id       BIGINT PRIMARY KEY,
  root         VARCHAR NOT NULL,        -- the PATH the user gave, as given
  fingerprint  VARCHAR,                 -- content hash of the tree (idempotent re-ingest)
  ingested_at  TIMESTAMPTZ NOT NULL,
  labels       MAP(VARCHAR, VARCHAR),
  tool_version VARCHAR,
  tz           VARCHAR                  -- zone the naive timestamps were read in (--tz)
);

CREATE TABLE IF NOT EXISTS scenarios (
  scenario_id   BIGINT PRIMARY KEY,
  run_id        BIGINT NOT NULL,
  dir           VARCHAR NOT NULL,       -- absolute path of the scenario directory
  name          VARCHAR NOT NULL,       -- directory base name
  layout        VARCHAR NOT NULL,       -- legacy | aiperf | events
  test_group    VARCHAR NOT NULL,
  failure       VARCHAR NOT NULL,
  backend       VARCHAR,                -- vllm / sglang / trtllm when the group name says so
  start_ts      TIMESTAMPTZ,            -- test.log: Starting Deployment …
  ready_ts      TIMESTAMPTZ,            -- test.log: Deployment … is ready (either wording)
  ready_wording VARCHAR,                -- 'reference' | 'newer': which ready line was found
  fault_ts      TIMESTAMPTZ,            -- test.log: Injecting failure for: (last one)
  fault_target  VARCHAR,                -- pod_name= of the Failure(...) repr
  fault_command VARCHAR,
  fault_signal  VARCHAR
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

-- Reference data: which log line means "ready" for which service folder (legacy-layout §4.1).
-- Only these folders count for Recovery, as in the reference parser.
CREATE TABLE IF NOT EXISTS ready_patterns (service VARCHAR NOT NULL, pattern VARCHAR NOT NULL);
DELETE FROM ready_patterns;
INSERT INTO ready_patterns VALUES
  ('Frontend', 'added model'),
  ('VllmDecodeWorker', 'VllmWorker for (?P<model_name>.*?) has been initialized'),
  ('VllmPrefillWorker', 'VllmWorker for (?P<model_name>.*?) has been initialized'),
  ('decode', 'Model registration succeeded|Decode worker handler initialized|Worker handler initialized'),
  ('prefill', 'Model registration succeeded|Prefill worker handler initialized|Worker handler initialized'),
  ('TRTLLMWorker', 'TrtllmWorker for (?P<model_name>.*?) has been initialized|Model registration succeeded'),
  ('TRTLLMDecodeWorker', 'TrtllmWorker for (?P<model_name>.*?) has been initialized|Model registration succeeded'),
  ('TRTLLMPrefillWorker', 'TrtllmWorker for (?P<model_name>.*?) has been initialized|Model registration succeeded');

-- Reference row order inside a group (legacy-layout §6). Unknown failures sort after these.
CREATE TABLE IF NOT EXISTS known_failures (name VARCHAR PRIMARY KEY, ord INTEGER NOT NULL);
DELETE FROM known_failures;
INSERT INTO known_failures VALUES
  ('none', 1), ('frontend', 2), ('frontend_pod', 3), ('decode_worker', 4), ('decode_worker_pod', 5),
  ('prefill_worker', 6), ('prefill_worker_pod', 7), ('vllm_decode_engine_core', 8),
  ('vllm_prefill_engine_core', 9), ('sglang_decode_scheduler', 10), ('sglang_decode_detokenizer', 11),
  ('sglang_prefill_scheduler', 12), ('sglang_prefill_detokenizer', 13), ('trtllm_decode_engine_core', 14),
  ('trtllm_prefill_engine_core', 15);

-- ---------------------------------------------------------------------------------------------------
-- Newer layouts (newer-layouts.md, aiperf-layout.md): AI-Perf client attempts (aiperf) and the event
-- harness (events). Added at the end so that older databases gain them on open.

-- Which sub-variant of its layout a scenario directory is (aiperf: client_attempts; events: flat,
-- per_rung, load_results, bundle, report_only; comma-joined when a directory mixes them).
ALTER TABLE scenarios ADD COLUMN IF NOT EXISTS layout_variant VARCHAR;
-- Startup as the harness itself reported it (events: fault_tolerance_report.json `startup_s`), for
-- layouts whose test log has no deployment start/ready lines.
ALTER TABLE scenarios ADD COLUMN IF NOT EXISTS startup_reported_s DOUBLE;

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

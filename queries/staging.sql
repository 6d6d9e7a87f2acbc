-- Per-ingest staging tables: the file manifests the adapters build (which file belongs to which
-- scenario, service, pod). Temporary: they vanish with the connection and never reach a --db file.
CREATE OR REPLACE TEMP TABLE client_files (file VARCHAR, scenario_id BIGINT, client VARCHAR);
CREATE OR REPLACE TEMP TABLE test_log_files (file VARCHAR, scenario_id BIGINT);
CREATE OR REPLACE TEMP TABLE pod_log_files (file VARCHAR, scenario_id BIGINT, service VARCHAR, pod VARCHAR,
                                            incarnation VARCHAR);
CREATE OR REPLACE TEMP TABLE metric_files (file VARCHAR, scenario_id BIGINT, service VARCHAR, pod VARCHAR,
                                           snapshot VARCHAR);
-- Text of files that are not valid UTF-8, decoded by src/ingest/textFiles.ts (U+FFFD for bad bytes).
CREATE OR REPLACE TEMP TABLE decoded_texts (filename VARCHAR, content VARCHAR);

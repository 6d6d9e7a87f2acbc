-- The service folder(s) a scenario's fault hit. The fault line's pod_name (scenarios.fault_target) names
-- the service directly when the test log has it; otherwise the failure name is mapped with the rules
-- below (data, not code: add a row for a new backend). Services are the folders seen in pod YAML or in
-- timed pod-log facts of the scenario.
CREATE OR REPLACE TEMP VIEW failed_component AS
WITH rules(failure_pattern, service_pattern) AS (VALUES
  ('^frontend', '^Frontend$'),
  ('^decode_worker|_decode_', 'DecodeWorker$|^decode$|^TRTLLMWorker$'),
  ('^prefill_worker|_prefill_', 'PrefillWorker$|^prefill$')
),
services AS (
  SELECT DISTINCT scenario_id, service FROM containers
  UNION
  SELECT DISTINCT scenario_id, service FROM events WHERE service IS NOT NULL
),
by_target AS (
  SELECT v.scenario_id, v.service
  FROM scenarios s JOIN services v ON v.scenario_id = s.scenario_id AND v.service = s.fault_target
),
by_name AS (
  SELECT DISTINCT v.scenario_id, v.service
  FROM scenarios s
  JOIN services v ON v.scenario_id = s.scenario_id
  JOIN rules r ON regexp_matches(s.failure, r.failure_pattern) AND regexp_matches(v.service, r.service_pattern)
  WHERE s.fault_ts IS NOT NULL
    AND s.scenario_id NOT IN (SELECT scenario_id FROM by_target)
)
SELECT scenario_id, service, 'fault_target' AS matched_by FROM by_target
UNION ALL
SELECT scenario_id, service, 'failure_name' AS matched_by FROM by_name;

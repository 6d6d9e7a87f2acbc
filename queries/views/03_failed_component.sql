-- The service folder(s) a scenario's fault hit. The fault line's pod_name (scenarios.fault_target) names
-- the service directly when the test log has it; otherwise the failure name is mapped with the rules
-- below (data, not code: add an OR line for a new backend; every rule that matches applies). Services
-- are the folders seen in pod YAML or in timed pod-log facts of the scenario.
--
-- Performance: the patterns are literals, not rows of a rules table joined on regexp_matches(col, pattern):
-- DuckDB compiles a pattern that is a column value again for every pair it tests (and summary_ext
-- reads this view three times); a literal is compiled once.
CREATE OR REPLACE TEMP VIEW failed_component AS
WITH services AS (
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
  WHERE s.fault_ts IS NOT NULL
    AND s.scenario_id NOT IN (SELECT scenario_id FROM by_target)
    AND (   (regexp_matches(s.failure, '^frontend') AND regexp_matches(v.service, '^Frontend$'))
         OR (regexp_matches(s.failure, '^decode_worker|_decode_')
             AND regexp_matches(v.service, 'DecodeWorker$|^decode$|^TRTLLMWorker$'))
         OR (regexp_matches(s.failure, '^prefill_worker|_prefill_')
             AND regexp_matches(v.service, 'PrefillWorker$|^prefill$')))
)
SELECT scenario_id, service, 'fault_target' AS matched_by FROM by_target
UNION ALL
SELECT scenario_id, service, 'failure_name' AS matched_by FROM by_name;

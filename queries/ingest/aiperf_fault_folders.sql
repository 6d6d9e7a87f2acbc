-- The service folder Dynamo's AI-Perf parser looks in for its Recovery (docs/layouts/aiperf.md#dynamo-recovery): the
-- `pod_name` of the `Failure(…)` repr on the fault line, quotes stripped; a repr without one (the
-- newer `TerminateProcessFailure(time=30, service_names=[…])`) gives Dynamo's "unknown" folder.
-- Uses test_log_last from ingest_test_logs.sql. Parameter: $scenario_ids.
SELECT scenario_id,
       coalesce(nullif(trim(regexp_extract(regexp_extract(fault_line, 'Failure\((.*?)\)', 1),
                                           '(?:^|, )pod_name=([^,=]*)(?:, |$)', 1), '''" '), ''),
                'unknown') AS folder
FROM test_log_last
WHERE fault_line IS NOT NULL AND list_contains($scenario_ids::BIGINT[], scenario_id);

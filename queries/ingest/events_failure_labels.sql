-- The failure name of event-harness scenarios (their directory is named after the test, not the
-- failure): the first fault event's label (fault_label.sql), from the report's timeline when there is
-- one, else from the test log's `Event i/N:` lines; `none` without a fault. Parameter: $scenario_ids.
UPDATE scenarios s SET failure = l.label
FROM (
  SELECT scenario_id, arg_min(label, ord) AS label
  FROM (
    SELECT scenario_id, fault_label(type, description, detail) AS label, seq AS ord
    FROM harness_events
    WHERE type IN ('DeletePod', 'TerminateProcess', 'RollingUpgrade', 'NetworkPartition')
    UNION ALL
    SELECT e.scenario_id, fault_label(NULL, e.detail, NULL), 1000000 + epoch(e.ts)
    FROM events e
    WHERE e.kind = 'fault'
      AND NOT EXISTS (SELECT 1 FROM harness_events h WHERE h.scenario_id = e.scenario_id)
  )
  GROUP BY scenario_id
) l
WHERE s.scenario_id = l.scenario_id AND list_contains($scenario_ids::BIGINT[], s.scenario_id);

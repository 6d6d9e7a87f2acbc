-- fault_label(type, description, detail): an event-harness fault as Dynamo's FaultToleranceReport names
-- it (docs/layouts/events.md#fault-tolerance-report): the event class, then `(<services joined by ",">)` or `(<source>-><target>)`.
-- The services come from the event object when it lists them, else from the stable description
-- (`Delete pods: A, B`, `Terminate 'cmd' in A`, `Rolling upgrade: A`, `Network partition: A -X-> B`).
-- A NULL type (a fault known only from test.log.txt) is inferred from the description.
CREATE OR REPLACE TEMP MACRO fault_type(type, description) AS
  coalesce(type,
           CASE WHEN starts_with(description, 'Delete pods:') THEN 'DeletePod'
                WHEN starts_with(description, 'Terminate ') THEN 'TerminateProcess'
                WHEN starts_with(description, 'Rolling upgrade:') THEN 'RollingUpgrade'
                WHEN starts_with(description, 'Network partition:') THEN 'NetworkPartition' END);

CREATE OR REPLACE TEMP MACRO fault_label(type, description, detail) AS
  fault_type(type, description) || '(' || coalesce(
    CASE WHEN json_type(detail, '$.services') = 'ARRAY'
         THEN array_to_string(json_extract_string(detail, '$.services[*]'), ',') END,
    CASE WHEN json_type(detail, '$.source') = 'VARCHAR' AND json_type(detail, '$.target') = 'VARCHAR'
         THEN json_extract_string(detail, '$.source') || '->' || json_extract_string(detail, '$.target') END,
    nullif(replace(regexp_extract(description, '^(?:Delete pods|Rolling upgrade): (.*)$', 1), ', ', ','), ''),
    nullif(regexp_extract(description, '^Terminate ''[^'']*'' in (.*)$', 1), ''),
    nullif(regexp_replace(regexp_extract(description, '^Network partition: (\S+ -X-> \S+)', 1), ' -X-> ', '->'), ''),
    '') || ')';

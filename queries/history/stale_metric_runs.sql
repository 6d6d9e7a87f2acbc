-- Runs whose stored metrics are missing (new, or written by ftparse before schema version 2) or were
-- computed by other metric SQL than this ftparse's.
SELECT run_id FROM runs
WHERE metrics_version IS DISTINCT FROM getvariable('metrics_version')
ORDER BY run_id;

-- Which run a reference on the command line names, in this order: a --run-id name, a run number,
-- or `latest` / `latest~N` (N runs before the most recent, by run_time). Parameters: $ref, $back
-- (N for latest~N, else NULL).
SELECT run_id, run_name, run_time, labels
FROM (
  SELECT run_id, run_name, run_time, labels, 1 AS how FROM run_overview WHERE run_name = $ref
  UNION ALL
  SELECT run_id, run_name, run_time, labels, 2 FROM run_overview WHERE run_id = TRY_CAST($ref AS BIGINT)
  UNION ALL
  SELECT run_id, run_name, run_time, labels, 3 FROM run_overview
  WHERE $back::BIGINT IS NOT NULL AND seq = (SELECT max(seq) FROM run_overview) - $back::BIGINT
)
ORDER BY how
LIMIT 1;

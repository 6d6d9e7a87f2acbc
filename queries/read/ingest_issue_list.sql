-- Issues found while reading the given runs, in file and line order.
SELECT i.file, i.line_no, i.severity, i.message, s.dir AS scenario_dir
FROM ingest_issues i LEFT JOIN scenarios s USING (scenario_id)
WHERE list_contains($run_ids::BIGINT[], i.run_id)
ORDER BY i.file NULLS LAST, i.line_no NULLS FIRST, i.message;

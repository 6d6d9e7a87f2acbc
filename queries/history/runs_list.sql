-- `ftparse runs`: the runs of the database, oldest first. Parameters: $run_ids (NULL: all), $last
-- (NULL: all; else the N most recent), $label_keys/$label_values (every pair must match; [] for none).
SELECT run_id, run_name, root, started_at, ingested_at, labels, scenarios, issues, fingerprint,
       source_files, source_bytes, tool_version, tz, seq
FROM run_overview
WHERE ($run_ids::BIGINT[] IS NULL OR list_contains($run_ids::BIGINT[], run_id))
  AND ($last::BIGINT IS NULL OR seq > (SELECT count(*) FROM runs) - $last::BIGINT)
  AND len(list_filter(list_zip($label_keys::VARCHAR[], $label_values::VARCHAR[]),
                      p -> coalesce(labels[p[1]] = p[2], false))) = len($label_keys::VARCHAR[])
ORDER BY seq;

INSERT INTO runs (run_id, root, fingerprint, ingested_at, labels, tool_version, tz)
VALUES ($run_id, $root, $fingerprint, $ingested_at, map($label_keys, $label_values), $tool_version, $tz);

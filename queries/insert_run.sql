INSERT INTO runs (run_id, root, fingerprint, ingested_at, labels, tool_version, tz, name, source_files, source_bytes)
VALUES ($run_id, $root, $fingerprint, $ingested_at, map($label_keys, $label_values), $tool_version, $tz,
        $name, $source_files, $source_bytes);

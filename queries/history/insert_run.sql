-- A new run, numbered by run_id_seq; returns its run_id.
INSERT INTO runs (run_id, root, fingerprint, ingested_at, labels, tool_version, tz, name, source_files, source_bytes)
VALUES (nextval('run_id_seq'), $root, $fingerprint, $ingested_at, map($label_keys, $label_values), $tool_version,
        $tz, $name, $source_files, $source_bytes)
RETURNING run_id;

-- The run already stored from a tree with this content fingerprint, if any. Parameter: $fingerprint.
SELECT run_id, name AS run_name, root, ingested_at FROM runs WHERE fingerprint = $fingerprint ORDER BY run_id LIMIT 1;

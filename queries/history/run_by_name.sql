-- The run with this --run-id, if any. Parameter: $name.
SELECT run_id, name AS run_name, root, ingested_at FROM runs WHERE name = $name;

-- Writing a lake: whether a compacted month holds this run already (then a re-ingest writes
-- nothing). Variable: lake_compacted_runs (the months' runs files). Parameter: $id.
SELECT strftime(run_date, '%Y-%m-%d') AS run_date FROM read_parquet(getvariable('lake_compacted_runs'), union_by_name = true)
WHERE run_id = $id;

-- `ftparse lake compact`: the runs one compacted generation covers. Variable: lake_file (its runs file).
SELECT run_id FROM read_parquet(getvariable('lake_file'));

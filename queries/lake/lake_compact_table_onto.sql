-- `ftparse lake compact`: as lake_compact_table.sql, for a month compacted before: the previous
-- generation's file (lake_compact_prev) and the runs ingested into that month since.
COPY (
  SELECT * FROM read_parquet(getvariable('lake_compact_small'), hive_partitioning = true,
                             union_by_name = true, hive_types = {'run_date': DATE, 'run_id': VARCHAR})
  UNION ALL BY NAME
  SELECT * FROM read_parquet(getvariable('lake_compact_prev'), union_by_name = true)
  ORDER BY run_id
) TO (getvariable('lake_file')) (FORMAT parquet, COMPRESSION zstd);

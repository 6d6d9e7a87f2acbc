-- Reading a lake: whether its runs were written with different schema versions (then the views read
-- the files by column name, filling what an older run lacks with NULL; else by the first file's
-- columns, which opens one file per view instead of every file).
SELECT count(DISTINCT coalesce(schema_version, 0)) > 1 AS mixed FROM lake_runs;

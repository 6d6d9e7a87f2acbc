-- `ftparse query --lake`: the user's SQL may read the lake's files (through the views, or directly)
-- and nothing else, and may write no file; lock_configuration keeps it so. Parameter: $files (every
-- Parquet file of the committed runs).
SET VARIABLE lake_allowed = $files::VARCHAR[];
SET allowed_paths = getvariable('lake_allowed');
SET enable_external_access = false;
SET lock_configuration = true;

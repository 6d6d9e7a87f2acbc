-- Reading a lake: the runs rows of runs whose `_manifest.json` (lake format 2) is read instead of
-- their runs file. Parameters: $ids, $dates (the partition keys, from the folder names) and $texts
-- (each file's JSON line), in the same order. The JSON is
-- read with the column types of this ftparse's `runs` table and manifest (strict: a column missing
-- is an error, never a NULL); src/lake/read.ts sends here only manifests of the schema version this
-- ftparse writes.
SET VARIABLE lake_manifest_structure = (
  SELECT json_group_object(column_name, column_type)
  FROM (
    SELECT column_name, column_type FROM (DESCRIBE lake_shape.main.runs) WHERE column_name <> 'run_id'
    UNION ALL
    SELECT column_name, column_type FROM (DESCRIBE lake_runs_shape)
    WHERE column_name NOT IN ('run_id', 'run_date', 'ingested_at')
  )
);
CREATE OR REPLACE TABLE lake_runs_manifests AS
SELECT m.run_id, m.run_date::DATE AS run_date,
       unnest(json_transform_strict(m.text, getvariable('lake_manifest_structure')))
FROM (
  SELECT unnest($ids::VARCHAR[]) AS run_id, unnest($dates::VARCHAR[]) AS run_date,
         unnest($texts::VARCHAR[]) AS text
) m;

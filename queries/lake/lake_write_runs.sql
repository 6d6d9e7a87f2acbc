-- Writing a lake: the run's row, last (its folder is the commit point), with the versions a reader
-- checks and, since lake format 2, the run's manifest (docs/lake.md): the tables it has files of, its
-- run_overview figures and its scenarios' keys (what metric_history reads of them), so that a reader
-- listing runs opens no other file of the run, and a trend only the stored metrics. The same
-- row is written twice in that folder: as Parquet (the `runs` table of every engine) and as one JSON
-- line, `_manifest.json` (what ftparse reads: one small read per run instead of a Parquet open).
-- Parameters: $file, $manifest, $lake_format, $schema_version, $tables.
SET VARIABLE lake_file = $file;
SET VARIABLE lake_manifest = $manifest;
CREATE OR REPLACE TEMP TABLE lake_run_row AS
SELECT r.* EXCLUDE (run_id), $lake_format::INTEGER AS lake_format,
       $schema_version::INTEGER AS schema_version,
       $tables::VARCHAR[] AS lake_tables,
       o.started_at AS lake_started_at, o.scenarios AS lake_scenarios, o.issues AS lake_issues,
       (SELECT coalesce(list({'scenario_id': s.scenario_id, 'test_group': s.test_group, 'failure': s.failure,
                              'layout': s.layout, 'dir': s.dir} ORDER BY s.scenario_id),
                        []::STRUCT(scenario_id BIGINT, test_group VARCHAR, failure VARCHAR, layout VARCHAR,
                                   dir VARCHAR)[])
        FROM scenarios s) AS lake_scenario_keys
FROM runs r JOIN run_overview o USING (run_id);
COPY lake_run_row TO (getvariable('lake_file')) (FORMAT parquet, COMPRESSION zstd);
COPY lake_run_row TO (getvariable('lake_manifest')) (FORMAT json);

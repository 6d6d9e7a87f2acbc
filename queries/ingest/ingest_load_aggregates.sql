-- profile_export_aiperf.json (one JSON object per file) → loads.aggregate, kept whole: the `--as dynamo`
-- queries read the keys they need, which differ between AI-Perf versions (docs/layouts/aiperf-files.md#aggregate-summaries: the early
-- `records` wrapper, missing counts). A file that is not a JSON object is an issue (Dynamo's parser
-- then skips that client). Parameters: $files, $run_id.
-- (The validity test is materialised first: DuckDB may evaluate a cast before a filter.)
CREATE OR REPLACE TEMP TABLE aggregate_texts AS
SELECT filename AS file, content,
       CASE WHEN json_valid(content) AND json_type(content) = 'OBJECT' THEN content END AS object_text
-- read_blob + try(decode()): a file that is not UTF-8 must not fail the statement; it reads as NULL.
FROM (SELECT filename, try(decode(content)) AS content FROM read_blob($files));

UPDATE loads SET aggregate = CAST(t.object_text AS JSON)
FROM aggregate_texts t
WHERE loads.aggregate_file = t.file AND loads.scenario_id IN (SELECT scenario_id FROM load_dirs)
  AND t.object_text IS NOT NULL;

INSERT INTO ingest_issues
SELECT $run_id, l.scenario_id, t.file, NULL, 'warning',
       'AI-Perf summary is not a JSON object (truncated or corrupt): its client adds nothing to the AI-Perf table'
FROM aggregate_texts t JOIN load_dirs l ON l.aggregate_file = t.file
WHERE t.object_text IS NULL;

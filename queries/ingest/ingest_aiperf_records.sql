-- AI-Perf per-request records (profile_export.jsonl, docs/layouts/aiperf-files.md#per-request-records) → requests + ingest_issues.
-- Input: staging load_dirs (records_file → scenario, client, attempt, counted). Parameters: $files, $run_id.
--
-- DuckDB's typed NDJSON reader, as for legacy client logs: one row per non-blank line in file order
-- (NULL columns for a line it cannot parse); client_line_map (staging.sql) corrects line numbers in files with
-- blank lines (ingest_record_line_map.sql). Only the metric keys used are declared, so the big
-- inter_chunk_latency arrays are never materialised. Key names that changed between AI-Perf versions
-- are all declared and coalesced: request_start_ns | timestamp_ns, benchmark_phase | credit_phase,
-- time_to_first_token | ttft, output_token_count | output_sequence_length.


-- The reader's line limit from the longest line present (see json_object_limit in staging.sql).
SET VARIABLE json_max_object = (SELECT json_object_limit(bytes) FROM longest_line_bytes($files));

CREATE OR REPLACE TEMP TABLE record_raw AS
SELECT filename AS file,
       row_number() OVER (PARTITION BY filename ORDER BY ordinality) AS row_no,
       metadata, metrics, error
FROM read_json($files,
       format = 'newline_delimited', ignore_errors = true, filename = true,
       maximum_object_size = getvariable('json_max_object'),
       columns = {metadata: 'STRUCT(request_start_ns BIGINT, timestamp_ns BIGINT, request_ack_ns BIGINT,
                                    request_end_ns BIGINT, was_cancelled BOOLEAN, cancellation_time_ns BIGINT,
                                    benchmark_phase VARCHAR, credit_phase VARCHAR)',
                  metrics: 'STRUCT(request_latency STRUCT(value DOUBLE, unit VARCHAR),
                                   time_to_first_token STRUCT(value DOUBLE, unit VARCHAR),
                                   ttft STRUCT(value DOUBLE, unit VARCHAR),
                                   inter_token_latency STRUCT(value DOUBLE, unit VARCHAR),
                                   output_token_count STRUCT(value DOUBLE, unit VARCHAR),
                                   output_sequence_length STRUCT(value DOUBLE, unit VARCHAR))',
                  error: 'JSON'})
     WITH ORDINALITY;

-- Physical line counts per file: a file with fewer parsed rows than lines has blank lines. Read as
-- bytes: a file that is not valid UTF-8 has NULL lines here and gets the exact line map after
-- src/ingest/readers/textFiles.ts decodes it (read_text would fail the whole statement).
CREATE OR REPLACE TEMP TABLE record_file_stats AS
SELECT t.filename AS file,
       strlen(t.content) - strlen(replace(t.content, chr(10), ''))
         + CASE WHEN t.size > 0 AND NOT suffix(t.content, chr(10)) THEN 1 ELSE 0 END AS lines,
       coalesce(r.rows, 0) AS rows
FROM (SELECT filename, try(decode(content)) AS content, size FROM read_blob($files)) t
LEFT JOIN (SELECT file, count(*) AS rows FROM record_raw GROUP BY file) r ON r.file = t.filename;

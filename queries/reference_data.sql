-- Reference data, created per connection as TEMP tables: it is part of ftparse (rules), not of the
-- results, so it is never written to a --db file (read-only and concurrent opens stay possible, and
-- an old file always sees the current rules).

-- Which log line means "ready" for which service folder (docs/layouts/legacy.md#ready-lines).
-- Only these folders count for Recovery, as in the reference parser.
CREATE OR REPLACE TEMP TABLE ready_patterns (service VARCHAR NOT NULL, pattern VARCHAR NOT NULL);
INSERT INTO ready_patterns VALUES
  ('Frontend', 'added model'),
  ('VllmDecodeWorker', 'VllmWorker for (?P<model_name>.*?) has been initialized'),
  ('VllmPrefillWorker', 'VllmWorker for (?P<model_name>.*?) has been initialized'),
  ('decode', 'Model registration succeeded|Decode worker handler initialized|Worker handler initialized'),
  ('prefill', 'Model registration succeeded|Prefill worker handler initialized|Worker handler initialized'),
  ('TRTLLMWorker', 'TrtllmWorker for (?P<model_name>.*?) has been initialized|Model registration succeeded'),
  ('TRTLLMDecodeWorker', 'TrtllmWorker for (?P<model_name>.*?) has been initialized|Model registration succeeded'),
  ('TRTLLMPrefillWorker', 'TrtllmWorker for (?P<model_name>.*?) has been initialized|Model registration succeeded'),
  -- the early local suite's process folders (docs/layouts/early-local.md): the start lines Dynamo's
  -- parser of that generation looks for in dynamo_<Service>/error.log
  ('dynamo_Frontend', 'added model'),
  ('dynamo_Processor', 'Starting Processor instance with all registered endpoints'),
  ('dynamo_VllmWorker', 'Starting VllmWorker instance with all registered endpoints'),
  ('dynamo_PrefillWorker', 'Starting PrefillWorker instance with all registered endpoints');

-- Every ready pattern in one regular expression, for picking out the pod log lines that may be ready
-- lines before they are parsed (ingest_pod_logs.sql). A session variable, so the expression is a
-- constant, compiled once (a pattern column joined to every line is compiled per row). Named groups
-- are made plain (a name may not repeat), and a space matches any run of spaces, tabs and ANSI colour
-- codes: a readable log line's message is its words joined by single spaces once colours are removed.
SET VARIABLE ready_any = (
  SELECT string_agg('(?:' || replace(regexp_replace(pattern, '\(\?P<\w+>', '(', 'g'), ' ',
                                     '(?:\s|\x1b\[[^m]*m)+') || ')', '|')
  FROM ready_patterns);

-- Words of which every ready candidate holds at least one, as a cheap test before ready_any: for each
-- alternative of each pattern, its longest word (ready_any joins a pattern's words by whitespace or
-- colour codes, never splits one). A few `contains` reject most lines for less than half the cost
-- of the regular expression (docs/performance.md#measurements-behind-the-code). Only for patterns of plain
-- words, `|` and `(?P<name>.*?)` groups (all of them today): for any other syntax an alternative's
-- words may not be required, and the variable is NULL (no pre-test).
SET VARIABLE ready_words = (
  SELECT CASE WHEN bool_and(NOT regexp_matches(stripped, '[^\w |-]') AND len(words) > 0)
              THEN list_distinct(list(CASE WHEN len(words) > 0
                                             THEN list_reduce(words, lambda a, b: CASE WHEN length(b) > length(a) THEN b ELSE a END) END))
         END
  FROM (SELECT stripped, regexp_extract_all(unnest(string_split(stripped, '|')), '\w+') AS words
        FROM (SELECT regexp_replace(pattern, '\(\?P<\w+>\.\*\?\)', ' ', 'g') AS stripped FROM ready_patterns))
);

-- Reference row order inside a group (docs/metrics.md#table-order). Unknown failures sort after these.
CREATE OR REPLACE TEMP TABLE known_failures (name VARCHAR PRIMARY KEY, ord INTEGER NOT NULL);
INSERT INTO known_failures VALUES
  ('none', 1), ('frontend', 2), ('frontend_pod', 3), ('decode_worker', 4), ('decode_worker_pod', 5),
  ('prefill_worker', 6), ('prefill_worker_pod', 7), ('vllm_decode_engine_core', 8),
  ('vllm_prefill_engine_core', 9), ('sglang_decode_scheduler', 10), ('sglang_decode_detokenizer', 11),
  ('sglang_prefill_scheduler', 12), ('sglang_prefill_detokenizer', 13), ('trtllm_decode_engine_core', 14),
  ('trtllm_prefill_engine_core', 15);

-- Which way is better for a metric (`ftparse compare` flags changes the wrong way as regressions).
-- The first pattern (by ord) that matches the metric name wins; no match: lower is better (seconds,
-- failures, outages).
CREATE OR REPLACE TEMP TABLE metric_directions (ord INTEGER NOT NULL, pattern VARCHAR NOT NULL, better VARCHAR NOT NULL);
INSERT INTO metric_directions VALUES
  (1, '^success_', 'higher'),          -- success_before/after counts and success_rate_before/after
  (2, 'throughput|^output_tokens', 'higher');

-- Synthetic history for bench/history.ts: $runs nightly runs of 8 scenarios (3 test groups, the
-- reference failures), $per_scenario request attempts each, ready lines for Recovery. Values are
-- deterministic (hash-based), and drift over the year so that trends have something to show.

INSERT INTO runs (run_id, root, fingerprint, ingested_at, labels, tool_version, tz, name, source_files, source_bytes)
SELECT i,
       '/results/nightly/' || strftime(d, '%Y-%m-%d'),
       'sha256:' || md5(i::VARCHAR),
       d + INTERVAL 6 HOUR,
       map(['commit', 'branch'], [substr(md5('commit' || i), 1, 7), 'main']),
       'bench', 'UTC',
       'nightly-' || strftime(d, '%Y-%m-%d'),
       200, 100000000
FROM (SELECT i, TIMESTAMPTZ '2025-01-01 02:00:00+00' + to_days(i::INTEGER - 1) AS d
      FROM range(1, $runs::BIGINT + 1) t(i));

INSERT INTO scenarios
SELECT (r.run_id - 1) * 8 + v.k AS scenario_id,
       r.run_id,
       r.root || '/test_fault_scenario[' || v.g || '-' || v.f || ']',
       'test_fault_scenario[' || v.g || '-' || v.f || ']',
       'legacy', v.g, v.f, 'vllm',
       r.ingested_at - INTERVAL 4 HOUR + to_minutes(v.k * 15) AS start_ts,
       r.ingested_at - INTERVAL 4 HOUR + to_minutes(v.k * 15) + INTERVAL 165 SECOND AS ready_ts,
       'reference',
       CASE WHEN v.f <> 'none'
            THEN r.ingested_at - INTERVAL 4 HOUR + to_minutes(v.k * 15) + INTERVAL 285 SECOND END AS fault_ts,
       NULL, NULL, NULL, NULL, NULL
FROM runs r,
     (VALUES (1, 'agg-tp-1-dp-1', 'none'), (2, 'agg-tp-1-dp-1', 'frontend'),
             (3, 'agg-tp-1-dp-1', 'decode_worker_pod'), (4, 'agg-tp-1-dp-2', 'frontend'),
             (5, 'agg-tp-1-dp-2', 'vllm_decode_engine_core'), (6, 'disagg-tp-1-dp-1', 'frontend'),
             (7, 'disagg-tp-1-dp-1', 'decode_worker'), (8, 'disagg-tp-1-dp-1', 'prefill_worker')) v(k, g, f);

-- Attempts spread over the 600 s after ready: 20 % before the fault, 80 % after. Success after the
-- fault depends on the failure and slowly gets worse over the year.
INSERT INTO requests
SELECT scenario_id,
       (n % 10)::VARCHAR AS client,
       dir || '/client_' || (n % 10) || '.log.txt' AS file,
       n // 10 + 1 AS line_no,
       0 AS attempt,
       TRUE AS counted,
       e - to_microseconds((lat * 1e6)::BIGINT) AS start_ts,
       e AS end_ts,
       date_trunc('second', e) AS end_ts_logged,
       lat AS latency_s,
       CASE WHEN ok THEN 200 ELSE 503 END AS status_code,
       CASE WHEN ok THEN NULL ELSE 'Service Unavailable' END AS error,
       ok AS success,
       CASE WHEN ok THEN 180 ELSE 0 END AS content_chars,
       NULL AS ttft_s,
       NULL AS itl_s,
       CASE WHEN ok THEN 40 END AS output_tokens,
       NULL AS pod
FROM (
  SELECT s.scenario_id, s.dir, n,
         s.ready_ts + to_microseconds((n * 600e6 / $per_scenario::BIGINT)::BIGINT) AS e,
         1.1 + (hash(s.scenario_id, n, 'lat') % 1000) / 2500.0 AS lat,
         CASE WHEN s.fault_ts IS NULL OR n < $per_scenario::BIGINT / 5
              THEN hash(s.scenario_id, n, 'ok') % 1000 < 999
              ELSE hash(s.scenario_id, n, 'ok') % 1000
                     < 950 - 300 * (s.failure LIKE '%worker%')::INTEGER - s.run_id // 4 END AS ok
  FROM scenarios s, range($per_scenario::BIGINT) t(n)
);

-- Ready lines after the fault (Recovery), a little slower every month.
INSERT INTO events
SELECT s.scenario_id,
       s.fault_ts + to_microseconds(((CASE WHEN s.failure = 'frontend' THEN 3.5 ELSE 65 END
                                      + (s.run_id // 30) * 0.4 + (hash(s.scenario_id) % 100) / 100.0) * 1e6)::BIGINT),
       'ready_line', 'Frontend', 'frontend-0', 'current: added model'
FROM scenarios s
WHERE s.fault_ts IS NOT NULL;

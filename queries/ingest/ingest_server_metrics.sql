-- AI-Perf server-metrics scrapes (server_metrics_export.jsonl, docs/layouts/aiperf-files.md#server-metrics) → metrics.
-- Input: staging server_metric_files(file, scenario_id) and endpoint_pods(scenario_id, host, service, pod)
-- (pod IPs from the pod YAMLs). Parameters: $files, $run_id.
--
-- One line = every metric family of one endpoint at one scrape. Samples become Prometheus-style rows,
-- as for the text snapshots: `<name>` (value), `<name>_bucket{le=…}`/`_sum`/`_count` (histograms; the
-- bucket map is `buckets`, or `histogram` in one AI-Perf version), `<name>{quantile=…}` (summaries).
-- The endpoint's pod: the pod whose YAML has that IP, else the sample's `pod` label, else host:port;
-- its service: that pod's folder, else the `dynamo_component` label.
--
-- AI-Perf skips unchanged snapshots, so each endpoint's series is forward-filled: rows with snapshot
-- 'scrape' are the lines as written; rows with snapshot 'filled' repeat the latest earlier scrape of
-- that endpoint at every whole second of its own span (first to last scrape) that has no scrape of its
-- own. A series therefore never extends past its endpoint's last scrape (a deleted pod's stops).

-- The reader's line limit from the longest line present (see json_object_limit in staging.sql).
SET VARIABLE json_max_object = (SELECT json_object_limit(bytes) FROM longest_line_bytes($files));

CREATE OR REPLACE TEMP TABLE scrape_raw AS
SELECT filename AS file,
       row_number() OVER (PARTITION BY filename ORDER BY ordinality) AS row_no,
       endpoint_url, timestamp_ns, metrics
FROM read_json($files,
       format = 'newline_delimited', ignore_errors = true, filename = true,
       maximum_object_size = getvariable('json_max_object'),
       columns = {endpoint_url: 'VARCHAR', timestamp_ns: 'BIGINT', metrics: 'MAP(VARCHAR, JSON)'})
     WITH ORDINALITY;

INSERT INTO ingest_issues
SELECT $run_id, f.scenario_id, r.file, NULL, 'warning',
       count(*) || ' server-metrics line(s) skipped: not a scrape record (invalid JSON, or no endpoint_url/timestamp_ns)'
FROM scrape_raw r JOIN server_metric_files f ON f.file = r.file
WHERE r.endpoint_url IS NULL OR r.timestamp_ns IS NULL OR r.metrics IS NULL
GROUP BY f.scenario_id, r.file;

CREATE OR REPLACE TEMP TABLE scrapes AS
SELECT f.scenario_id, r.file, r.row_no AS scrape_id, r.endpoint_url,
       regexp_extract(r.endpoint_url, '^[a-z]+://([^/]+)', 1) AS host_port,
       regexp_extract(r.endpoint_url, '^[a-z]+://\[?([^/\]:]+)', 1) AS host,
       to_timestamp(0) + to_microseconds(r.timestamp_ns // 1000) AS ts,
       r.metrics
FROM scrape_raw r JOIN server_metric_files f ON f.file = r.file
WHERE r.endpoint_url IS NOT NULL AND r.timestamp_ns IS NOT NULL AND r.metrics IS NOT NULL;

-- Every sample of every scrape, as (name, labels, value) rows.
CREATE OR REPLACE TEMP TABLE scrape_samples AS
WITH families AS (
  SELECT scenario_id, file, scrape_id, e.key AS family, e.value AS samples
  FROM (SELECT scenario_id, file, scrape_id, unnest(map_entries(metrics)) AS e FROM scrapes)
),
samples AS (
  SELECT scenario_id, file, scrape_id, family, unnest(json_extract(samples, '$[*]')) AS s
  FROM families WHERE json_type(samples) = 'ARRAY'
),
labelled AS (
  SELECT scenario_id, file, scrape_id, family, s,
         coalesce(TRY_CAST(json_transform(json_extract(s, '$.labels'), '"MAP(VARCHAR, VARCHAR)"')
                           AS MAP(VARCHAR, VARCHAR)), MAP {}) AS labels,
         coalesce(json_extract(s, '$.buckets'), json_extract(s, '$.histogram')) AS buckets,
         json_extract(s, '$.summary') AS quantiles
  FROM samples
)
SELECT scenario_id, file, scrape_id, family AS name, labels, TRY_CAST(json_extract_string(s, '$.value') AS DOUBLE) AS value
FROM labelled WHERE json_exists(s, '$.value')
UNION ALL
SELECT scenario_id, file, scrape_id, family || '_bucket', map_concat(labels, map(['le'], [b.key])),
       TRY_CAST(replace(b.value::VARCHAR, '"', '') AS DOUBLE)
FROM (SELECT *, unnest(map_entries(json_transform(buckets, '"MAP(VARCHAR, JSON)"'))) AS b
      FROM labelled WHERE json_type(buckets) = 'OBJECT')
UNION ALL
SELECT scenario_id, file, scrape_id, family, map_concat(labels, map(['quantile'], [q.key])),
       TRY_CAST(replace(q.value::VARCHAR, '"', '') AS DOUBLE)
FROM (SELECT *, unnest(map_entries(json_transform(quantiles, '"MAP(VARCHAR, JSON)"'))) AS q
      FROM labelled WHERE json_type(quantiles) = 'OBJECT')
UNION ALL
SELECT scenario_id, file, scrape_id, family || '_sum', labels, TRY_CAST(json_extract_string(s, '$.sum') AS DOUBLE)
FROM labelled WHERE (buckets IS NOT NULL OR quantiles IS NOT NULL) AND json_exists(s, '$.sum')
UNION ALL
SELECT scenario_id, file, scrape_id, family || '_count', labels, TRY_CAST(json_extract_string(s, '$.count') AS DOUBLE)
FROM labelled WHERE (buckets IS NOT NULL OR quantiles IS NOT NULL) AND json_exists(s, '$.count');

-- The pod and service behind each endpoint.
CREATE OR REPLACE TEMP TABLE scrape_endpoints AS
SELECT s.scenario_id, s.endpoint_url,
       coalesce(any_value(p.pod), any_value(x.labels['pod']), any_value(s.host_port)) AS pod,
       coalesce(any_value(p.service), any_value(x.labels['dynamo_component']), 'unknown') AS service
FROM scrapes s
LEFT JOIN endpoint_pods p ON p.scenario_id = s.scenario_id AND p.host = s.host
LEFT JOIN scrape_samples x ON x.file = s.file AND x.scrape_id = s.scrape_id
GROUP BY s.scenario_id, s.endpoint_url;

-- Forward fill: the whole seconds of each endpoint's span without a scrape of its own, each matched
-- with the endpoint's latest scrape before it.
CREATE OR REPLACE TEMP TABLE scrape_fill AS
WITH spans AS (
  SELECT scenario_id, endpoint_url, min(ts) AS first_ts, max(ts) AS last_ts FROM scrapes GROUP BY ALL
),
seconds AS (
  SELECT scenario_id, endpoint_url,
         unnest(generate_series(date_trunc('second', first_ts) + INTERVAL 1 SECOND,
                                date_trunc('second', last_ts), INTERVAL 1 SECOND)) AS ts
  FROM spans
  WHERE date_trunc('second', last_ts) > date_trunc('second', first_ts)
),
empty_seconds AS (
  SELECT g.* FROM seconds g
  WHERE NOT EXISTS (SELECT 1 FROM scrapes s
                    WHERE s.scenario_id = g.scenario_id AND s.endpoint_url = g.endpoint_url
                      AND date_trunc('second', s.ts) = g.ts)
)
SELECT g.scenario_id, g.endpoint_url, g.ts, s.file, s.scrape_id
FROM empty_seconds g
ASOF JOIN scrapes s ON s.scenario_id = g.scenario_id AND s.endpoint_url = g.endpoint_url AND s.ts <= g.ts;

INSERT INTO metrics
SELECT s.scenario_id, e.service, e.pod, 'scrape', s.ts, x.name, x.labels, x.value
FROM scrapes s
JOIN scrape_samples x ON x.file = s.file AND x.scrape_id = s.scrape_id
JOIN scrape_endpoints e ON e.scenario_id = s.scenario_id AND e.endpoint_url = s.endpoint_url
UNION ALL
SELECT f.scenario_id, e.service, e.pod, 'filled', f.ts, x.name, x.labels, x.value
FROM scrape_fill f
JOIN scrape_samples x ON x.file = f.file AND x.scrape_id = f.scrape_id
JOIN scrape_endpoints e ON e.scenario_id = f.scenario_id AND e.endpoint_url = f.endpoint_url;

DELETE FROM server_metric_files;
DELETE FROM endpoint_pods;

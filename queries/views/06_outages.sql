-- Client-visible outages (docs/metrics.md#outages): maximal runs of one-second buckets after F in which requests
-- completed but none succeeded. Idle seconds (no completion at all, e.g. every client waiting on a hung
-- request) between two failing seconds belong to the outage: nothing succeeded in between. An outage
-- spans [start_s, end_s) in seconds after F.
CREATE OR REPLACE TEMP VIEW outages AS
WITH marked AS (
  SELECT scenario_id, k, completions, successes = 0 AS down,
         -- each up bucket starts a new island; down buckets share the island of the last up bucket
         count(*) FILTER (WHERE successes > 0) OVER (PARTITION BY scenario_id ORDER BY k
                                                     ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS island
  FROM client_seconds
)
SELECT scenario_id,
       row_number() OVER (PARTITION BY scenario_id ORDER BY min(k)) AS outage_no,
       min(k)::DOUBLE AS start_s,
       (max(k) + 1)::DOUBLE AS end_s,
       (max(k) + 1 - min(k))::DOUBLE AS duration_s,
       sum(completions) AS failures
FROM marked
WHERE down
GROUP BY scenario_id, island;

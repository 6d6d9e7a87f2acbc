-- The aggregate rows (view `summary_aggregate`) of the chosen scenarios ($scenario_ids: those the
-- report shows, after --group/--failure).
SET VARIABLE aggregate_ids = $scenario_ids::BIGINT[];
SET VARIABLE aggregate_first = list_min(getvariable('aggregate_ids'));
SET VARIABLE aggregate_last = list_max(getvariable('aggregate_ids'));
SELECT * FROM summary_aggregate;

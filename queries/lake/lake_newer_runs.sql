-- Reading a lake: runs written in a lake format newer than this ftparse's ($lake_format variable).
SELECT count(*) AS n, max(lake_format) AS format FROM lake_runs
WHERE lake_format > getvariable('lake_format');

-- Writing a lake: the partition date of the (only) run of the database, the UTC day it ran
-- (run_overview's run_time: the earliest deployment start, else the ingest time).
SELECT strftime(run_time AT TIME ZONE 'UTC', '%Y-%m-%d') AS run_date FROM run_overview;

-- `ftparse trend`: the name, time and labels of every run, once each (trend.sql's rows carry only the
-- run's id).
SELECT run_id, run_name, run_time, labels FROM run_overview;

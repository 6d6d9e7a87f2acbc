-- Session parameters of the extended metrics (docs/metrics.md#extended), read by the views with getvariable():
-- --window (seconds a recovery must hold), --recovered-ratio (0..1), --bucket (timeline seconds).
-- The views fall back to the documented defaults (10, 0.9, 1) when these were never set, so a
-- session that only creates the views (e.g. `ftparse query`) still gets the documented numbers.
SET VARIABLE window_s = $window_s::DOUBLE;
SET VARIABLE recovered_ratio = $recovered_ratio::DOUBLE;
SET VARIABLE bucket_s = $bucket_s::DOUBLE;

-- Session parameters of the extended metrics (docs/metrics.md#extended), read by the views with getvariable():
-- --window (seconds a recovery must hold), --recovered-ratio (0..1), --bucket (timeline seconds).
-- Every session that creates the views binds them (src/metrics/views.ts); their defaults are written
-- once, in src/metrics/catalog.ts (EXTENDED_DEFAULTS), and the views hold none.
SET VARIABLE window_s = $window_s::DOUBLE;
SET VARIABLE recovered_ratio = $recovered_ratio::DOUBLE;
SET VARIABLE bucket_s = $bucket_s::DOUBLE;

-- The service folder names of the reference (ready_patterns), as it spells them. Legacy: such a name
-- that is not a folder in a scenario directory is reported, since its ready lines are lost
-- (docs/layouts/legacy.md#ready-lines). Events: folders spelled otherwise (`frontend/`) are matched to these
-- case-insensitively.
SELECT DISTINCT service FROM ready_patterns ORDER BY service;

-- Folder names whose pod logs count for Recovery (legacy-layout §4.1): such a name that is not a
-- folder in a scenario directory is reported, since its ready lines are lost.
SELECT DISTINCT service FROM ready_patterns ORDER BY service;

-- Service folder names as the reference spells them (ready_patterns), for case-insensitive matching.
SELECT DISTINCT service FROM ready_patterns ORDER BY service;

-- The schema version of the open database file.
SELECT max(version) AS version FROM schema_version;

-- Note that the file reached a schema version. Parameters: $version, $name, $via, $tool_version.
INSERT INTO schema_version (version, name, via, applied_at, tool_version)
VALUES ($version, $name, $via, current_timestamp, $tool_version);

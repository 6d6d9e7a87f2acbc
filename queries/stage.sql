-- The stage database that ingest lanes write to (Db.openLane in src/db.ts): an in-memory database
-- shared by every connection of this instance, with empty copies of the canonical tables the lanes
-- fill. Never part of a --db file. publish_stage.sql moves its rows into the canonical tables.
ATTACH IF NOT EXISTS ':memory:' AS ftparse_stage;
CREATE TABLE IF NOT EXISTS ftparse_stage.requests AS FROM requests LIMIT 0;
CREATE TABLE IF NOT EXISTS ftparse_stage.log_lines AS FROM log_lines LIMIT 0;
CREATE TABLE IF NOT EXISTS ftparse_stage.metrics AS FROM metrics LIMIT 0;
CREATE TABLE IF NOT EXISTS ftparse_stage.events AS FROM events LIMIT 0;
CREATE TABLE IF NOT EXISTS ftparse_stage.ingest_issues AS FROM ingest_issues LIMIT 0;

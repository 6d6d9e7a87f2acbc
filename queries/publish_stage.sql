-- Move what the ingest lanes wrote to the stage database (stage.sql) into the canonical tables, and
-- empty the stage for the next pass. Runs on the main connection once every lane has finished.
INSERT INTO requests SELECT * FROM ftparse_stage.requests;
INSERT INTO log_lines SELECT * FROM ftparse_stage.log_lines;
INSERT INTO metrics SELECT * FROM ftparse_stage.metrics;
INSERT INTO events SELECT * FROM ftparse_stage.events;
INSERT INTO ingest_issues SELECT * FROM ftparse_stage.ingest_issues;
DELETE FROM ftparse_stage.requests;
DELETE FROM ftparse_stage.log_lines;
DELETE FROM ftparse_stage.metrics;
DELETE FROM ftparse_stage.events;
DELETE FROM ftparse_stage.ingest_issues;

-- On a lane connection (Db.openLane): unqualified table names now mean the stage database's tables
-- (stage.sql), so the ingest SQL a lane runs writes there. TEMP tables stay the connection's own.
USE ftparse_stage;

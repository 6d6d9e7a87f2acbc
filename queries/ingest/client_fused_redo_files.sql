-- The client logs the fused read marked (ingest_client_fused.sql), to be read again the staged way.
SELECT file FROM client_fused_redo ORDER BY file;

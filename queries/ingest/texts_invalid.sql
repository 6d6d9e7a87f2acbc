-- Loaded files that are not valid UTF-8 (see load_texts.sql).
SELECT filename AS file FROM texts WHERE content IS NULL ORDER BY filename;

-- Load the text of a reader's files into `texts` (replacing what the previous reader loaded).
-- Parameters: $paths (reader paths: directory globs may match more files), $files (the files wanted).
-- read_blob + try(decode()) rather than read_text: one file that is not valid UTF-8 must not fail the
-- whole statement (inside an ingest transaction that would abort the ingest); its content is NULL here
-- and src/ingest/textFiles.ts decodes it.
DELETE FROM texts;
INSERT INTO texts
SELECT filename, try(decode(content))
FROM read_blob($paths)
-- A semi-join, not list_contains($files, filename): that scans the whole list for every file read,
-- which doubled the cost of this statement for the ~1,500 pod logs of bench/'s 220-scenario tree.
WHERE filename IN (SELECT unnest($files));

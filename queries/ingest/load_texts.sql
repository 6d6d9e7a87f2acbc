-- Load the text of a reader's files into `texts` (replacing what the previous reader loaded).
-- Parameters: $paths (reader paths: directory globs may match more files), $names and $files (the
-- files wanted, and how the reader names each: src/ingest/fs/readerPaths.ts), zipped by unnest.
-- read_blob + try(decode()) rather than read_text: one file that is not valid UTF-8 must not fail the
-- whole statement (inside an ingest transaction that would abort the ingest); its content is NULL here
-- and src/ingest/readers/textFiles.ts decodes it.
-- Created anew rather than emptied and filled: rows inserted into a table of an earlier transaction
-- are written twice (into the transaction's storage, then into the table at commit).
CREATE OR REPLACE TEMP TABLE texts AS
SELECT m.file AS filename, try(decode(r.content)) AS content
FROM read_blob($paths) r
-- A join, not list_contains($files, filename): that scans the whole list for every file read, which
-- doubled the cost of this statement on bench/'s trees. Files a
-- directory glob matched beyond the wanted ones have no name here and are dropped.
JOIN (SELECT unnest($names) AS name, unnest($files) AS file) m ON m.name = r.filename;

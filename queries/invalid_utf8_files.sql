-- Files that are not valid UTF-8 (read_text would refuse them whole). Parameter: $files.
SELECT filename AS file FROM read_blob($files) WHERE try(decode(content)) IS NULL;

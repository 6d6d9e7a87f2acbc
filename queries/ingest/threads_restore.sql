-- Undo threads_single.sql.
SET threads = getvariable('ftparse_threads');

-- Empty the AI-Perf staging manifests before an adapter fills them (events and aiperf share them).
DELETE FROM load_dirs;

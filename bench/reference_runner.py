"""Run the reference parser (Dynamo's legacy_parse_results.py, kept OUTSIDE this repository) over a
generated bench tree, for bench/reference.ts. This file holds none of the reference's code: it loads
the module from the path it is given and calls its own `main(logs_dir, tablefmt)`, as its command line
does with `--log-dir`, once per folder holding `test_fault_scenario[...]` directories (the bench trees
put them in run_NNN/ folders, which the reference does not descend into). One interpreter for the
whole tree, so pandas is imported once, as when a user runs it on one folder.

The reference stops at the first scenario it cannot parse (a line of the wrong JSON shape, invalid
UTF-8, ...). To give it a time on the mixed tree at all, its per-scenario function is wrapped: a
scenario it raises on is counted, named on stderr, and left out, and the rest is processed as usual.

  python3 reference_runner.py REFERENCE.py TREE [--json OUT]

--json OUT: also write the reference's per-scenario numbers (keyed by scenario directory) for the
bench's agreement check. Tables go to stdout as the reference prints them.
"""

import importlib.util
import json
import math
import os
import sys


def load(path):
    spec = importlib.util.spec_from_file_location("legacy_parse_results", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def scenario_folders(root):
    """The folders whose children are test_fault_scenario[...] directories, sorted."""
    found = []
    for here, dirs, _files in os.walk(root):
        if any(d.startswith("test_fault_scenario[") for d in dirs):
            found.append(here)
            dirs[:] = [d for d in dirs if not d.startswith("test_fault_scenario[")]
        dirs.sort()
    return sorted(found)


def plain(value):
    """numpy scalars and NaN as JSON values."""
    if value is None:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value if isinstance(value, (int, float, str, bool)) else str(value)


def main(argv):
    if len(argv) < 2:
        sys.stderr.write("usage: reference_runner.py REFERENCE.py TREE [--json OUT]\n")
        return 2
    reference = load(argv[0])
    tree = argv[1]
    out = argv[argv.index("--json") + 1] if "--json" in argv else None
    crashed = []
    results = {}
    original = reference.process_test_directory

    def guarded(test_dir, sla):
        try:
            result = original(test_dir, sla)
        except Exception as error:  # the reference's own failure on this scenario
            crashed.append(test_dir)
            sys.stderr.write(f"reference crashed on {test_dir}: {type(error).__name__}: {error}\n")
            return None
        if result:
            results[os.path.realpath(test_dir)] = {k: plain(v) for k, v in result.items()}
        return result

    reference.process_test_directory = guarded
    failed_at_end = 0
    for folder in scenario_folders(tree):
        try:
            reference.main(folder, "fancy_grid")
        except Exception as error:
            # Its tables are printed by then: main() fails building its return value (a sum with the
            # None of a scenario without an "after"), which its command line would show as a traceback.
            failed_at_end += 1
            sys.stderr.write(f"reference main() raised after its tables for {folder}: {error}\n")
    sys.stderr.write(
        f"reference: {len(results)} scenarios parsed, {len(crashed)} crashed, "
        f"main() raised after its tables in {failed_at_end} of the folders\n"
    )
    if out:
        with open(out, "w") as f:
            json.dump({"results": results, "crashed": crashed}, f)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

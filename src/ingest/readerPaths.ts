/**
 * The paths handed to DuckDB's readers (`read_json`, `read_text`) for a manifest of files.
 *
 * Why not simply one path per file: DuckDB expands every path as a glob. Scenario directories have
 * brackets in their names (`test_fault_scenario[agg-…]`), so each path is a glob pattern and costs a
 * directory listing: about 0.15 ms per file, i.e. ~0.3 s for the 2,200 client logs of a 220-scenario
 * tree and as much again for the pod folders (measured with bench/). One pattern per *directory*
 * (`<dir>/client_*.log.txt`) lists each directory once instead.
 *
 * A directory pattern is used only when every entry it matches is a regular file and it matches every
 * chosen file; otherwise (e.g. a directory or a symlink named like a log) that directory's files are
 * passed one by one. It may match more regular files than were chosen (`*.log` also matches the
 * `.metrics.log` snapshots): the queries join what they read on their manifest, which drops those. Brackets, `*` and `?` of real
 * names are escaped as one-character classes, so a name is never read as a pattern. The readers report
 * the real path as `filename`, so the manifests still join on it.
 */
import { readdirSync, type Dirent } from "node:fs";
import { basename, dirname, join } from "node:path";
import { globLiteral } from "../db.js";
import { childPath } from "./entries.js";

export interface DirPattern {
  /** The glob for DuckDB, relative to the directory (e.g. `client_*.log.txt`). */
  glob: string;
  /** The same set of names as a regular expression, to check the glob against the listing. */
  matches: RegExp;
}

/**
 * Reader paths for the files `chosen` (names within `dir`, all regular files) given the directory's full
 * listing `entries`: one directory pattern when that is safe (see above), else one literal per file.
 */
export function readerPaths(
  dir: string,
  entries: readonly Dirent[],
  chosen: readonly string[],
  pattern: DirPattern,
  known: ReadonlySet<string> = new Set(chosen),
): string[] {
  if (chosen.length === 0) return [];
  const globbed = entries.filter((e) => pattern.matches.test(e.name));
  // Every file the glob reaches must be one ingest has already checked (src/ingest/entries.ts opens
  // each): a file left out for being unreadable must not be read through the glob after all.
  const safe =
    globbed.every((e) => e.isFile() && known.has(e.name)) &&
    chosen.every((name) => pattern.matches.test(name));
  return safe
    ? [`${globLiteral(dir, true)}/${pattern.glob}`]
    : chosen.map((name) => globLiteral(join(dir, name)));
}

/** Client logs of a legacy scenario (the same names as legacy.ts's CLIENT_LOG). */
export const CLIENT_LOGS: DirPattern = { glob: "client_*.log.txt", matches: /^client_.*\.log\.txt$/ };
/** Pod logs of a service folder; also matches the `.metrics.log` snapshots, which the join drops. */
export const POD_LOGS: DirPattern = { glob: "*.log", matches: /\.log$/ };
/** Prometheus snapshots of a service folder (`<pod>.metrics.log`, `<pod>.metrics.before_delete.log`). */
export const METRIC_LOGS: DirPattern = { glob: "*metrics*.log", matches: /metrics.*\.log$/ };

/**
 * Reader paths for a manifest of absolute file paths: groups them by directory and lists each
 * directory once more (cheap next to the reads it saves) to apply `readerPaths`.
 */
export async function readerPathsFor(
  files: readonly string[],
  pattern: DirPattern,
  /** Other files already checked as readable that a glob may also reach (e.g. a folder's metrics logs). */
  alsoChecked: readonly string[] = [],
): Promise<string[]> {
  const checked = new Set([...files, ...alsoChecked]);
  const byDir = new Map<string, string[]>();
  for (const f of files) {
    const dir = dirname(f);
    let names = byDir.get(dir);
    if (!names) byDir.set(dir, (names = []));
    names.push(basename(f));
  }
  // Synchronous listings, as in entries.ts: hundreds of short calls the thread pool would only slow.
  return [...byDir].flatMap(([dir, names]) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      // Listed a moment ago; if it is gone now, let the reader report the files themselves.
      return names.map((n) => globLiteral(join(dir, n)));
    }
    const known = new Set(entries.filter((e) => checked.has(childPath(dir, e.name))).map((e) => e.name));
    return readerPaths(dir, entries, names, pattern, known);
  });
}

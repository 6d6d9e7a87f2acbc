/**
 * The paths handed to DuckDB's readers (`read_json`, `read_blob`) for a list of files.
 *
 * Why not simply each file's path: DuckDB expands every path holding a bracket, `*` or `?` as a glob,
 * and scenario directories have brackets in their names (`test_fault_scenario[agg-…]`). Matching a
 * bracketed directory lists its parent and stats every entry there, for each path: tens of thousands
 * of stat calls on a large tree, most of the pod logs' read time (docs/performance.md#measurements-behind-the-code).
 *
 * On Linux (openReaderFiles), the deepest directory of a path whose name holds such a character is
 * opened once and the file is reached as /proc/self/fd/N/…, a path without glob characters that the
 * reader opens directly. The reader then names the file by that path, so every statement maps the
 * names back to the real files with a join (`unnest($names)`, `unnest($files)`): rows and issues
 * always carry the real path.
 *
 * Elsewhere (or when a directory cannot be opened) the files go through one glob per directory
 * (`<dir>/client_*.log.txt`), which lists each directory once. A directory pattern is used only when
 * every entry it matches is a regular file and it matches every chosen file; otherwise (e.g. a
 * directory or a symlink named like a log) that directory's files are passed one by one. It may match
 * more regular files than were chosen (`*.log` also matches the `.metrics.log` snapshots): the join
 * on the names drops those. Brackets, `*` and `?` of real names are escaped as one-character classes,
 * so a name is never read as a pattern; the reader names such files by their real paths.
 */
import { closeSync, existsSync, openSync, readdirSync, type Dirent } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { globLiteral, globLiterals } from "./globLiteral.js";
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
  // Every file the glob reaches must be one ingest has already checked (src/ingest/fs/entries.ts opens
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
 * Reader paths for a manifest of absolute file paths, through directory globs (see above): groups them
 * by directory and lists each directory once more (cheap next to the reads it saves) to apply
 * `readerPaths`. Without a pattern, one literal per file.
 */
function dirGlobs(
  files: readonly string[],
  pattern?: DirPattern,
  alsoChecked: readonly string[] = [],
): string[] {
  if (!pattern) return globLiterals(files);
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

/**
 * What a reader is handed for `files`, and `names[i]`: how it will name `files[i]` in its `filename`
 * column. Pass all three to the statement, and close it once the statement has finished (it may hold
 * directories open). Without a directory pattern, `paths[i]` is `files[i]`'s, so a reader's `file_index`
 * is the file's place in `files` as long as each path matches one file (a backslash in a bracketed path
 * is matched by `?`, which may match a sibling too: globLiteral.ts).
 */
export interface ReaderFiles {
  paths: string[];
  names: string[];
  files: string[];
  close(): void;
}

/** Linux lets a process reach a directory it holds open as /proc/self/fd/N (proc(5)). */
const FD_DIR = "/proc/self/fd";
const fdAliases = existsSync(FD_DIR);

/**
 * The directory each descriptor of an alias was opened on, so that an error naming /proc/self/fd/N/…
 * can name the user's path (userPath). Kept after the descriptor is closed: an error is reported
 * after the statement's files were closed; a number used again is overwritten.
 */
const aliasDirs = new Map<number, string>();

/** `text` with every /proc/self/fd/N of ours replaced by the directory it stands for. */
export function userPath(text: string): string {
  return text.replace(/\/proc\/self\/fd\/(\d+)/g, (whole, fd: string) => aliasDirs.get(Number(fd)) ?? whole);
}

/**
 * Directories one ReaderFiles holds open at most (lanes hold several at once); files past it take the
 * directory-glob way. Tasks are sized to stay under it (legacy.ts, serviceFolders.ts).
 */
export const MAX_OPEN_DIRS = 512;

/** Characters that make DuckDB read a path as a glob (a backslash is a separator to it). */
const GLOB_CHAR = /[[*?\\]/;

/**
 * Reader paths for `files` (absolute, checked readable; see above). `pattern` and `alsoChecked` serve
 * the directory-glob fallback: the files' directory pattern, and other files already checked as
 * readable that it may also reach.
 */
export function openReaderFiles(
  files: readonly string[],
  pattern?: DirPattern,
  alsoChecked: readonly string[] = [],
  /** false: the directory-glob way even where /proc/self/fd exists (tests cover both ways with it). */
  aliases = fdAliases,
): ReaderFiles {
  const fds = new Map<string, number | null>();
  const close = () => {
    for (const fd of fds.values()) if (fd !== null) closeSync(fd);
    fds.clear();
  };
  const paths: string[] = [];
  const names: string[] = [];
  const rest: string[] = [];
  // per directory: its /proc/self/fd path, or null when its files keep their own paths
  const bases = new Map<string, string | null>();
  for (const file of files) {
    const dir = dirname(file);
    let base = bases.get(dir);
    if (base === undefined) bases.set(dir, (base = aliases ? aliasedDir(dir, fds) : null));
    if (base === null) {
      names.push(file);
      // without a pattern, in place: paths[i] reads files[i] (see ReaderFiles)
      if (pattern) rest.push(file);
      else paths.push(globLiteral(file));
    } else {
      const name = basename(file);
      // a name with a glob character of its own stays a pattern, matched in this one directory
      paths.push(childPath(base, globLiteral(name)));
      names.push(childPath(base, name));
    }
  }
  try {
    paths.push(...dirGlobs(rest, pattern, alsoChecked));
  } catch (e) {
    close();
    throw e;
  }
  return { paths, names, files: [...files], close };
}

/**
 * `dir` reached through /proc/self/fd, when a directory on its path (itself included) has a glob
 * character in its name; null when none has (its files' paths are cheap as they are) or that directory
 * cannot be opened.
 */
function aliasedDir(dir: string, fds: Map<string, number | null>): string | null {
  let top = dir;
  while (!GLOB_CHAR.test(basename(top))) {
    const up = dirname(top);
    if (up === top) return null;
    top = up;
  }
  let fd = fds.get(top);
  if (fd === undefined) {
    if (fds.size >= MAX_OPEN_DIRS) return null;
    try {
      fd = openSync(top, "r");
      aliasDirs.set(fd, top);
    } catch {
      fd = null;
    }
    fds.set(top, fd);
  }
  return fd === null ? null : join(FD_DIR, String(fd), relative(top, dir));
}

/**
 * What a directory entry really is, following symlinks, and whether a file can be opened.
 *
 * The one place that decides whether a name that should be a file (a client log, test.log.txt, a pod
 * log or manifest) can be read. Result trees come from crashed runs and half-copied CI artifacts: a
 * symlink may point nowhere, `client_0.log.txt` may be a folder, a FIFO or unreadable. Every reader
 * lists entries through here, so each such entry is reported the same way (an ingest issue naming
 * the file) instead of being skipped silently, and DuckDB is only ever handed paths it can open
 * (a path it cannot open fails the whole statement; a FIFO would block it forever).
 */
import { accessSync, constants, readdirSync, statSync, type Dirent } from "node:fs";
import { sep } from "node:path";

export type EntryKind = "file" | "directory" | "other" | "broken";

export interface Entry {
  name: string;
  path: string;
  /** What the entry is after following symlinks; `broken`: a symlink whose target cannot be reached. */
  kind: EntryKind;
}

/*
 * Synchronous on purpose: listing a tree is thousands of small metadata calls. Through the thread
 * pool each costs several times that in hand-offs (docs/performance.md#measurements-behind-the-code),
 * and the main thread has nothing else to do meanwhile: DuckDB reads on its own threads.
 */

/**
 * `join(dir, name)` for a `name` read from the listing of `dir`, which is already normal (made by
 * resolve or join): the same string without join's normalisation, which costs microseconds a call
 * before the JIT warms up, and a listing makes thousands of these.
 */
export function childPath(dir: string, name: string): string {
  return dir.endsWith(sep) ? dir + name : dir + sep + name;
}

/**
 * The entries of `dir`, sorted by name, symlinks resolved. Throws when `dir` cannot be listed.
 * `listing`: the directory's entries when the caller has just read them (discovery has).
 */
export function listEntriesSync(dir: string, listing?: readonly Dirent[]): Entry[] {
  const ready = readAhead.get(dir);
  if (ready !== undefined) {
    readAhead.delete(dir);
    return ready;
  }
  const dirents = listing ?? readdirSync(dir, { withFileTypes: true });
  const out: Entry[] = [];
  for (const d of dirents) {
    const path = childPath(dir, d.name);
    let kind: EntryKind;
    if (d.isSymbolicLink()) {
      try {
        kind = kindOf(statSync(path));
      } catch {
        kind = "broken";
      }
    } else {
      kind = kindOf(d);
    }
    out.push({ name: d.name, path, kind });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function kindOf(x: { isFile(): boolean; isDirectory(): boolean }): EntryKind {
  return x.isFile() ? "file" : x.isDirectory() ? "directory" : "other";
}

/**
 * Why `entry`, which should be a readable file, is not one; `undefined` when it can be read.
 * Opening a regular file never blocks, so this is safe on anything `kind` let through.
 */
export function fileProblemSync(entry: Entry): string | undefined {
  if (checkedAhead.has(entry)) return checkedAhead.get(entry);
  switch (entry.kind) {
    case "directory":
      return "is a directory, not a file";
    case "broken":
      return "is a broken symlink (its target is missing or loops)";
    case "other":
      return "is not a regular file (a FIFO, socket or device)";
    case "file":
      try {
        // access(R_OK): one syscall, and the same answer open() would give (for root too).
        accessSync(entry.path, constants.R_OK);
        return undefined;
      } catch (e) {
        return openProblem(e);
      }
  }
}

/** Why a file could not be opened or read, from the error of the call that tried. */
export function openProblem(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return code === "EACCES" || code === "EPERM"
    ? "cannot be opened: permission denied"
    : `cannot be opened (${code ?? (e as Error).message})`;
}

/** Listings read ahead by readAheadListings, each handed out once by listEntriesSync. */
const readAhead = new Map<string, Entry[]>();
/** What fileProblemSync found of the files of those listings. */
let checkedAhead = new WeakMap<Entry, string | undefined>();

/**
 * List these scenario directories and their sub-directories now, with every file checked readable,
 * for listEntriesSync and fileProblemSync to hand out later. The report calls it while DuckDB opens
 * and runs its set-up on its own thread: the listing the ingest needs is then done in time that was
 * spent waiting (docs/performance.md). A folder that cannot be listed is left to the ingest, which
 * reports it. Gives the event loop a turn now and then, so that DuckDB's set-up moves on meanwhile.
 */
export async function readAheadListings(
  scenarios: readonly { dir: string; listing?: readonly Dirent[] }[],
): Promise<void> {
  const ahead = (dir: string, listing?: readonly Dirent[]) => {
    let entries: Entry[];
    try {
      entries = listEntriesSync(dir, listing);
    } catch {
      return; // listed again by the ingest, which reports why it cannot be
    }
    for (const e of entries) if (e.kind === "file") checkedAhead.set(e, fileProblemSync(e));
    readAhead.set(dir, entries);
    for (const e of entries) if (e.kind === "directory" && listing !== undefined) ahead(e.path);
  };
  for (const [i, s] of scenarios.entries()) {
    ahead(s.dir, s.listing);
    if (i % 16 === 15) await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Forget what was read ahead and not asked for (the ingest is over). */
export function dropReadAhead(): void {
  readAhead.clear();
  checkedAhead = new WeakMap();
}

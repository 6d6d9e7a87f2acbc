/**
 * Faults of the environment (a full disk, a folder ftparse may not write, too many open files, a file
 * that vanished) told apart from bugs, in one place: cli.ts asks here before calling anything an
 * internal error. They exit 2, naming the user's own path and what to do (docs/crash-safety.md).
 */
import { ExitCode, FtparseError } from "./errors.js";
import { userPath as fdUserPath } from "./ingest/fs/readerPaths.js";

interface Advice {
  what: string;
  hint: string;
}

const BY_CODE: Record<string, Advice> = {
  ENOSPC: { what: "no space left on the device", hint: "free some space (or point --out / --db elsewhere)" },
  EDQUOT: { what: "disk quota exceeded", hint: "free some space (or point --out / --db elsewhere)" },
  EACCES: { what: "permission denied", hint: "give a path you may write to, or change its permissions" },
  EPERM: { what: "operation not permitted", hint: "give a path you may write to, or change its permissions" },
  EROFS: { what: "read-only file system", hint: "give a path on a writable file system" },
  EEXIST: { what: "a file is in the way of a folder", hint: "give a folder name, or move the file away" },
  ENOTDIR: { what: "a file is in the way of a folder", hint: "give a folder name, or move the file away" },
  EISDIR: { what: "is a folder, not a file", hint: "give a file name" },
  EMFILE: {
    what: "too many open files",
    hint: "raise the limit (`ulimit -n 4096`), or give ftparse fewer result folders at once",
  },
  ENFILE: {
    what: "too many open files on the system",
    hint: "close other programs, or give ftparse fewer result folders at once",
  },
  ENOENT: {
    what: "no such file or folder (it may have been removed while ftparse read it)",
    hint: "run again once nothing else changes the folder",
  },
};

/** DuckDB's words for the same faults (it reports no errno). */
const DUCKDB: [RegExp, Advice][] = [
  [
    /No space left on device|failed to offload|Could not write file|Could not truncate file/i,
    BY_CODE.ENOSPC!,
  ],
  [/Permission denied/i, BY_CODE.EACCES!],
  [/Read-only file system/i, BY_CODE.EROFS!],
  [/Too many open files/i, BY_CODE.EMFILE!],
  [/No such file or directory/i, BY_CODE.ENOENT!],
];

/** The environment fault `e` is (looking through its causes), as a user error; undefined for a bug. */
export function environmentFault(e: unknown): FtparseError | undefined {
  for (let cause = e, depth = 0; cause instanceof Error && depth < 5; cause = cause.cause, depth++) {
    const err = cause as NodeJS.ErrnoException;
    const advice = err.code === undefined ? undefined : BY_CODE[err.code];
    if (advice) {
      // rename(2) names both paths; the destination is the user's (--junit FILE over a folder).
      const named = (err as { dest?: string }).dest ?? err.path;
      const path = named === undefined ? undefined : userPath(named);
      return new FtparseError(`${path ? `${path}: ` : ""}${advice.what}`, {
        exitCode: ExitCode.Usage,
        hint: advice.hint,
        cause: e,
      });
    }
    const text = userPath(err.message ?? "");
    // DuckDB reports a failed statement's own error once, then this on every later statement of the
    // transaction: the first error is the one to tell, and is found further down the causes if kept.
    if (/Current transaction is aborted/.test(text)) continue;
    for (const [pattern, found] of DUCKDB) {
      if (!pattern.test(text)) continue;
      const file = /"([^"]+)"/.exec(text)?.[1];
      return new FtparseError(`${file ? `${file}: ` : ""}${found.what} (${firstLine(text)})`, {
        exitCode: ExitCode.Usage,
        hint: found.hint,
        cause: e,
      });
    }
  }
  return undefined;
}

/**
 * A path as the user gave it: a directory ftparse held open (/proc/self/fd/N) by its name, and the
 * temporaries ftparse writes into (`.DIR.new-PID/`, `.FILE.PID.tmp`) by the folder or file they become.
 */
export function userPath(text: string): string {
  return fdUserPath(text)
    .replace(/(^|\/)\.([^/]+)\.(?:new|old)-\d+(?=\/|$|")/g, "$1$2")
    .replace(/(^|\/)\.([^/]+)\.\d+\.tmp(?=$|")/g, "$1$2");
}

function firstLine(text: string): string {
  return text.split("\n")[0]!.trim();
}

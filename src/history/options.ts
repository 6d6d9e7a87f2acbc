/**
 * Validation of the history commands' values at the boundary (CLI strings → strict types).
 * No database import here: cli.ts loads this module eagerly.
 */
import { usageError } from "../errors.js";
import { msg } from "../messages.js";
import { normalizeNumber } from "../options.js";

/** Default --wait: long enough to ride out another short ingest, short enough to notice a stuck one. */
export const DEFAULT_WAIT_SECONDS = 10;

/** Where the history commands read and write: a DuckDB file (--db) or a Parquet lake (--lake). */
export interface StoreRef {
  db?: string;
  lake?: string;
}

/** --lake DIR, else --db FILE, else $FTPARSE_DB. */
export function normalizeStore(command: string, flags: StoreRef): StoreRef {
  if (flags.db !== undefined && flags.lake !== undefined)
    throw usageError("give --db FILE or --lake DIR, not both");
  return flags.lake !== undefined ? { lake: flags.lake } : { db: normalizeDbPath(command, flags.db) };
}

/** --db FILE, else $FTPARSE_DB; required by the history commands. */
export function normalizeDbPath(command: string, value: string | undefined): string {
  const path = value ?? (process.env.FTPARSE_DB || undefined);
  if (path === undefined) throw usageError(msg.needsDb(command));
  return path;
}

export function normalizeWait(value: string | undefined): number {
  return normalizeNumber("--wait", value, { min: 0 }) ?? DEFAULT_WAIT_SECONDS;
}

/** `--label k=v` (repeatable) → {k: v}; the key must be non-empty, the value may be. */
export function normalizeLabels(values: readonly string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values ?? []) {
    const eq = v.indexOf("=");
    if (eq <= 0) throw usageError(msg.badLabel(v));
    out[v.slice(0, eq).trim()] = v.slice(eq + 1);
  }
  return out;
}

/**
 * --run-id: a short name without spaces. `latest`, `latest~N` and all-digit names are run references
 * (a run number), not names: `compare 2 3` must mean runs 2 and 3, never a run named "2".
 */
export function normalizeRunName(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (
    !/^[A-Za-z0-9][A-Za-z0-9._:@+/-]{0,127}$/.test(value) ||
    /^latest(~\d+)?$/.test(value) ||
    /^\d+$/.test(value)
  ) {
    throw usageError(msg.badRunName(value));
  }
  return value;
}

/** A positive whole number of runs (--last). */
export function normalizeCount(flag: string, value: string | undefined): number | undefined {
  const n = normalizeNumber(flag, value, { min: 1 });
  if (n !== undefined && !Number.isInteger(n))
    throw usageError(`${flag} expects a whole number, got "${value}"`);
  return n;
}

/**
 * `--group GLOB`, `--failure GLOB` (repeatable) and `--sort KEY` of the report and `check`: which
 * summary rows are shown, and in which order inside each test group. The rows are the summary's own
 * (one per scenario); picking and ordering them is presentation, so it happens here rather than in SQL,
 * where group and failure names must not go as text.
 */
import type { Command } from "commander";
import { compileGlob, GlobSyntaxError, type Glob } from "./check/glob.js";
import type { Row } from "./db.js";
import { usageError } from "./errors.js";
import { extendedJsonKeys, runJsonKeys, summaryJsonKeys } from "./metrics/catalog.js";
import { naturalCompare } from "./number.js";

export interface RowSelection {
  /** A row is kept when its test group matches any of these (none: every group); linear-time globs. */
  groups: Glob[];
  failures: Glob[];
  /** Order rows inside each test group by this JSON key; undefined: the reference order. */
  sort?: SortKey;
}

export interface SortKey {
  key: string;
  descending: boolean;
}

export const ALL_ROWS: RowSelection = { groups: [], failures: [] };

/** The raw --group, --failure and --sort values, as commander parses them. */
export interface SelectionFlags {
  group?: string[];
  failure?: string[];
  sort?: string;
}

/** Add the three options to a command (report and check share them). */
export function addSelectionOptions(command: Command): Command {
  return command
    .option("--group <glob>", "only test groups matching GLOB, e.g. 'agg-*' (repeatable)", collect)
    .option("--failure <glob>", "only failures matching GLOB, e.g. 'decode*' (repeatable)", collect)
    .option(
      "--sort <key>",
      "order rows in each test group by a JSON key, e.g. recovery_s or recovery_s:desc (default: reference order)",
    );
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Validate the raw flags: a bad glob or an unknown sort key is a usage error naming the flag. */
export function normalizeSelection(flags: SelectionFlags): RowSelection {
  const globs = (flag: string, values: string[] | undefined) =>
    (values ?? []).map((v) => {
      try {
        return compileGlob(v);
      } catch (e) {
        if (e instanceof GlobSyntaxError) throw usageError(`${flag}: ${e.message}`);
        throw e;
      }
    });
  return {
    groups: globs("--group", flags.group),
    failures: globs("--failure", flags.failure),
    sort: flags.sort === undefined ? undefined : sortKey(flags.sort),
  };
}

/** The keys rows can be sorted by: every JSON key of a summary row. */
export const SORT_KEYS: readonly string[] = [...summaryJsonKeys, ...extendedJsonKeys, ...runJsonKeys].filter(
  (k) => k !== "errors",
);

function sortKey(value: string): SortKey {
  const m = /^([a-z0-9_]+)(?::(asc|desc))?$/i.exec(value.trim());
  const key = m?.[1]?.toLowerCase();
  if (!m || !key || !SORT_KEYS.includes(key)) {
    throw usageError(
      `--sort: unknown key "${value}"`,
      `use one of ${SORT_KEYS.join(", ")} (append :desc to reverse)`,
    );
  }
  return { key, descending: m[2]?.toLowerCase() === "desc" };
}

/** Does this row's test group and failure match the selection? */
export function isSelected(row: Row, selection: RowSelection): boolean {
  const matches = (globs: Glob[], v: unknown) => globs.length === 0 || globs.some((g) => g.test(String(v)));
  return matches(selection.groups, row.test_group) && matches(selection.failures, row.failure);
}

/**
 * The rows whose test group and failure match the selection. Rows that all fall outside it are a usage
 * error (exit 2) rather than an empty report: most likely a typo in a glob.
 */
export function selectRows<R extends Row>(rows: readonly R[], selection: RowSelection): R[] {
  const kept = rows.filter((r) => isSelected(r, selection));
  if (rows.length > 0 && kept.length === 0) {
    const names = (key: string) => [...new Set(rows.map((r) => String(r[key])))].join(", ");
    throw usageError(
      `no scenario matches --group/--failure (of ${rows.length})`,
      `test groups: ${names("test_group")}; failures: ${names("failure")}`,
    );
  }
  return kept;
}

/**
 * Compare two rows by a sort key: numbers as numbers, text in natural order, no value (N/A) last in
 * either direction; 0 for ties, which the caller breaks by the reference order.
 */
export function compareBy(a: Row, b: Row, sort: SortKey): number {
  const x = a[sort.key];
  const y = b[sort.key];
  const missing = (v: unknown) => v === null || v === undefined;
  if (missing(x) || missing(y)) return missing(x) === missing(y) ? 0 : missing(x) ? 1 : -1;
  const c = typeof x === "number" && typeof y === "number" ? x - y : naturalCompare(String(x), String(y));
  return sort.descending ? -c : c;
}

/**
 * Every option more than one command shares, declared once together with its validation: each group
 * adds its options to a commander command and turns the raw strings back into strict types, or throws
 * a usage error naming the flag and the bad value. Options of one command only stay in its wiring
 * (cli/<command>.ts). No database or renderer import here beyond constants: cli.ts loads this eagerly.
 */
import { Option, type Command } from "commander";
import { usageError } from "../errors.js";
import { msg } from "../messages.js";
import { FORMATS, type Format } from "../outputFormats.js";
import { EXTENDED_DEFAULTS, type ExtendedParams } from "../metrics/catalog.js";
import type { StoreRef } from "../history/open.js";

/** Default --wait: long enough to ride out another short ingest, short enough to notice a stuck one. */
/** The defaults file, found upward from the current folder (cli/config.ts, docs/config.md). */
export const CONFIG_FILE = ".ftparse.yaml";

export const DEFAULT_WAIT_SECONDS = 10;

/** Repeatable options: `--rule A --rule B` → ["A", "B"]. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

// ── --format, --debug: every command ────────────────────────────────────────────────────────────────

const FORMAT_HELP =
  "output format: table | markdown | csv | json (default: table on a terminal, json when piped)";

export function addFormatOption(command: Command, help = FORMAT_HELP): Command {
  return command.addOption(new Option("-f, --format <format>", help));
}

export function addDebugOption(command: Command): Command {
  return command.option("--debug", "print stack traces of internal errors");
}

export function normalizeFormat(value: string | undefined, stdoutIsTTY: boolean): Format {
  if (value === undefined) return stdoutIsTTY ? "table" : "json";
  const v = value.toLowerCase();
  if ((FORMATS as readonly string[]).includes(v)) return v as Format;
  throw usageError(msg.unknownFormat(value, FORMATS));
}

// ── Input: --tz, --strict (every command that reads result trees) ───────────────────────────────────

export interface InputFlags {
  tz?: string;
  strict?: boolean;
}

export function addInputOptions(command: Command): Command {
  return command
    .option("--tz <zone>", "time zone of naive timestamps (client logs, test.log.txt)", "UTC")
    .option("--strict", "exit with code 2 if any input line or file had to be skipped");
}

export function inputSettings(flags: InputFlags): { tz: string; strict: boolean } {
  return { tz: normalizeTimezone(flags.tz), strict: Boolean(flags.strict) };
}

export function normalizeTimezone(value: string | undefined): string {
  const tz = value ?? "UTC";
  // The default needs no check: a time zone check loads ICU's zone data (start-up time, docs/performance.md#measurements-behind-the-code).
  if (tz === "UTC") return tz;
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
  } catch {
    throw usageError(msg.badTimezone(tz));
  }
  return tz;
}

// ── Metric parameters: --sla, --window, --recovered-ratio, --bucket (report and check) ──────────────

export interface MetricFlags {
  sla?: string;
  window?: string;
  recoveredRatio?: string;
  bucket?: string;
}

/** --sla, --window, --recovered-ratio; --bucket only where a timeline is written (the report). */
export function addMetricOptions(command: Command, opts: { bucket: boolean }): Command {
  command
    .option("--sla <seconds>", "count Violations Before/After: successful requests slower than SECONDS")
    .option(
      "--window <seconds>",
      "client-visible recovery (recovered_s): seconds the success ratio must hold",
      String(EXTENDED_DEFAULTS.windowS),
    )
    .option(
      "--recovered-ratio <ratio>",
      "client-visible recovery (recovered_s): success ratio (0..1) every second of the window needs",
      String(EXTENDED_DEFAULTS.recoveredRatio),
    );
  if (opts.bucket)
    command.option(
      "--bucket <seconds>",
      "timeline bucket size in seconds (--out timeline.csv and charts)",
      String(EXTENDED_DEFAULTS.bucketS),
    );
  return command;
}

export function metricSettings(flags: MetricFlags): { sla: number | undefined; ext: ExtendedParams } {
  return { sla: normalizeNumber("--sla", flags.sla, { min: 0 }), ext: normalizeExtendedParams(flags) };
}

/** --window (whole seconds ≥ 1), --recovered-ratio (0 < r ≤ 1), --bucket (seconds > 0). */
export function normalizeExtendedParams(flags: MetricFlags): ExtendedParams {
  const windowS = normalizeNumber("--window", flags.window, { min: 1 }) ?? EXTENDED_DEFAULTS.windowS;
  if (!Number.isInteger(windowS))
    throw usageError(`--window must be a whole number of seconds, got ${flags.window}`);
  const recoveredRatio =
    normalizeNumber("--recovered-ratio", flags.recoveredRatio, { min: 0 }) ??
    EXTENDED_DEFAULTS.recoveredRatio;
  if (recoveredRatio <= 0 || recoveredRatio > 1) {
    throw usageError(`--recovered-ratio must be a ratio in (0, 1], e.g. 0.9, got ${flags.recoveredRatio}`);
  }
  const bucketS = normalizeNumber("--bucket", flags.bucket, { min: 0 }) ?? EXTENDED_DEFAULTS.bucketS;
  if (bucketS <= 0) throw usageError(`--bucket must be a positive number of seconds, got ${flags.bucket}`);
  return { windowS, recoveredRatio, bucketS };
}

// ── History store: --db, --lake, --wait, --label ────────────────────────────────────────────────────

export interface StoreFlags {
  db?: string;
  lake?: string;
  wait?: string;
  label?: string[];
}

const WAIT_HELP = `wait up to SECONDS while another process uses the database (default ${DEFAULT_WAIT_SECONDS})`;
const BOTH_STORES = "give --db FILE or --lake DIR, not both";
const LAKE_HELP = "instead of --db: a Parquet lake folder (docs/lake.md)";
export const LABEL_HELP = "label the new runs, e.g. commit=abc123 (repeatable)";

/**
 * The history commands' store: --db (default $FTPARSE_DB), --lake, --wait. Their --label differs
 * (ingest labels, runs filters), so each declares its own.
 */
export function addHistoryStoreOptions(command: Command): Command {
  return command
    .option("--db <file>", "the history database (DuckDB file); default: $FTPARSE_DB")
    .option("--lake <dir>", LAKE_HELP)
    .option("--wait <seconds>", WAIT_HELP);
}

/** The history commands: where they read and write, and how long they wait for the file. */
export function historyStoreSettings(command: string, flags: StoreFlags): StoreRef & { waitSeconds: number } {
  return { ...normalizeStore(command, flags), waitSeconds: normalizeWait(flags.wait) };
}

/**
 * Commands that read result trees and may also keep them (report, check, run): --db, and where the
 * command supports them --lake and --wait; --label names the new runs. Only an explicit --db keeps runs
 * ($FTPARSE_DB is for the history commands).
 */
export function addKeepStoreOptions(command: Command, opts: { lake: boolean; wait: boolean }): Command {
  command.option("--db <file>", "also keep the runs in this DuckDB file (history; idempotent)");
  if (opts.lake) command.option("--lake <dir>", LAKE_HELP);
  command.option("--label <key=value>", `with --db: ${LABEL_HELP}`, collect);
  if (opts.wait) command.option("--wait <seconds>", `with --db: ${WAIT_HELP}`);
  return command;
}

export function keepStoreSettings(flags: StoreFlags): {
  db?: string;
  lake?: string;
  labels: Record<string, string>;
  waitSeconds: number;
} {
  // one store per command: the report never quietly picks one of two
  if (flags.db !== undefined && flags.lake !== undefined) throw usageError(BOTH_STORES);
  return {
    db: flags.db,
    lake: flags.lake,
    labels: normalizeLabels(flags.label),
    waitSeconds: normalizeWait(flags.wait),
  };
}

/** --lake DIR, else --db FILE, else $FTPARSE_DB. */
export function normalizeStore(command: string, flags: StoreRef): StoreRef {
  if (flags.db !== undefined && flags.lake !== undefined) throw usageError(BOTH_STORES);
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

// ── Plain values ────────────────────────────────────────────────────────────────────────────────────

export function normalizeNumber(
  flag: string,
  value: string | undefined,
  opts: { min?: number } = {},
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n)) throw usageError(msg.badNumber(flag, value));
  if (opts.min !== undefined && n < opts.min) throw usageError(`${flag} must be ≥ ${opts.min}, got ${value}`);
  return n;
}

/** A positive whole number of runs (--last). */
export function normalizeCount(flag: string, value: string | undefined): number | undefined {
  const n = normalizeNumber(flag, value, { min: 1 });
  if (n !== undefined && !Number.isInteger(n))
    throw usageError(`${flag} expects a whole number, got "${value}"`);
  return n;
}

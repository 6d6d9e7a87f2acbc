/**
 * Every user-facing message in one place, plus the swappable warning collector.
 * Policy: bad input is skipped, recorded in `ingest_issues`, and warned about with file and line.
 */

export interface Warning {
  file?: string;
  line?: number;
  message: string;
}

/** Collects warnings; commands flush them to stderr, tests read them directly. */
export class Warnings {
  readonly items: Warning[] = [];
  /** --quiet: print one line with the count instead of each warning. */
  quiet = false;
  /** How many were printed (or counted under --quiet), for --max-warnings. */
  shown = 0;
  add(w: Warning): void {
    this.items.push(w);
  }
  get count(): number {
    return this.items.length;
  }
}

/** `file:line: message`, the form editors and terminals make clickable. */
export function formatWarning(w: Warning): string {
  const where = w.file === undefined ? "" : w.line === undefined ? `${w.file}: ` : `${w.file}:${w.line}: `;
  return `warning: ${printable(where + w.message)}`;
}

/**
 * Control characters escaped (`\n`, `\x1b`, …): file names and input snippets come from the tree being
 * read, and a name holding a newline or an escape sequence must not forge lines or drive the terminal.
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) =>
    c === "\n" ? "\\n" : c === "\t" ? "\\t" : `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`,
  );
}

export const msg = {
  noScenarios: (roots: string[]) =>
    `no result directories under ${roots.join(", ")} (looked for folders holding client_N.log.txt, ` +
    `client_N/attempt_M/ or load/…/profile_export.jsonl)`,
  noUsableInput: (n: number) =>
    `found ${n} result director${n === 1 ? "y" : "ies"} but none had a readable client request`,
  pathMissing: (p: string) => `no such file or directory: ${p}`,
  strictIssues: (n: number) =>
    `--strict: ${n} input issue${n === 1 ? "" : "s"} found (see the warnings above)`,
  moreIssues: (file: string, n: number) => `${file}: … and ${n} more issue${n === 1 ? "" : "s"} in this file`,
  unknownFormat: (f: string, allowed: readonly string[]) =>
    `unknown format "${f}" (expected one of: ${allowed.join(", ")})`,
  badNumber: (flag: string, v: string) => `${flag} expects a number, got "${v}"`,
  badTimezone: (tz: string) => `unknown time zone "${tz}" (use an IANA name such as UTC or Europe/Berlin)`,
  unreadable: (file: string, why: string) => `cannot read ${file}: ${why}`,
  // the database file (--db)
  noDatabase: (path: string) => `no database at ${path}`,
  dbOpenFailed: (path: string, why: string) => `cannot open the database ${path}: ${why}`,
  dbLocked: (path: string, pid: number | undefined) =>
    `the database ${path} is in use by another process${pid === undefined ? "" : ` (PID ${pid})`}`,
  dbLockedHint: (waited: number) =>
    (waited > 0 ? `waited ${waited} s; ` : "") +
    "DuckDB lets one process write a file (or several read it) at a time: try again when it is done, " +
    "or pass --wait SECONDS to wait longer",
  dbWaiting: (path: string, pid: number | undefined, seconds: number) =>
    `${path} is in use by another process${pid === undefined ? "" : ` (PID ${pid})`}; waiting up to ${seconds} s…`,
  dbTooNew: (path: string, found: number, known: number) =>
    `${path} was written by a newer ftparse (schema version ${found}; this one knows up to ${known}): upgrade ftparse`,
  // history (ingest, runs, trend, compare, query, export)
  lakeUpToDate: (dir: string, runs: number) => `${dir}: a lake of ${runs} run${runs === 1 ? "" : "s"}`,
  unchangedTree: (root: string, run: string, relabel: boolean) =>
    `note: ${root} is unchanged since ${run}: nothing to do` +
    (relabel ? " (its labels and name stay as they were)" : ""),
  noTrendValues: (metric: string) =>
    `note: no stored values of ${metric} match --group/--failure/--last (see \`ftparse runs\` and \`ftparse query\`)`,
  runIdTaken: (name: string, run: string) => `--run-id ${name} is already used by ${run}`,
  runIdNeedsOneTree: (n: number) => `--run-id names one run, but the paths hold ${n} results trees`,
  needsDb: (command: string) =>
    `ftparse ${command} needs a database: --db FILE (or FTPARSE_DB=FILE), or a lake: --lake DIR`,
  noSuchRun: (ref: string) => `no run "${ref}" in this database`,
  noRuns: (path: string) => `no runs in ${path} yet (add some with ftparse ingest RESULTS… --db ${path})`,
  unknownMetric: (m: string, known: readonly string[], near?: string) =>
    `unknown metric "${m}"${near ? ` (did you mean ${near}?)` : ""} (known: ${known.join(", ")})`,
  badLabel: (v: string) => `--label expects KEY=VALUE, got "${v}"`,
  badRunName: (v: string) =>
    `--run-id "${v}" is not a usable name (letters, digits and . _ - : @ + /, at most 128, not "latest", ` +
    `not all digits: those name runs by number)`,
  queryFailed: (why: string) => `query failed: ${why}`,
  treeChanged: (file: string) => `${file} changed while it was read: nothing was stored`,
  dbUpToDate: (path: string, version: number, runs: number) =>
    `note: ${path} is up to date: schema version ${version}, ${runs} run${runs === 1 ? "" : "s"}`,
  // ingest issues (also stored in ingest_issues.message)
  notRequestRecord: "not a request record (invalid JSON, or not an object with time and results)",
  emptyClientLog: "client log is empty",
  /** `why` is "no test.log.txt" or "test.log.txt is a directory, not a file", … */
  noTestLog: (why: string) => `${why}: Startup, the before/after split and Recovery are not available`,
  brokenSymlink: (code: string | undefined) =>
    `skipped: broken symlink (${code === "ELOOP" ? "it loops" : "its target does not exist"})`,
  notReadable: (problem: string) => `skipped: ${problem}`,
  notAFolder: "skipped: a service folder name, but not a folder (its pod logs are missing)",
  unlistable: (e: unknown) =>
    `skipped: cannot list this directory (${(e as NodeJS.ErrnoException).code ?? String(e)})`,
  badMarkerTime: (marker: string) => `${marker} line without a readable timestamp`,
  // The YAML parser's messages span lines (a snippet with a caret): keep the first.
  badYaml: (why: string) => `pod YAML not readable: ${why.split("\n")[0]}`,
  // ftparse check
  ruleMatchedNothing: (rule: string, from: string) =>
    `rule "${rule}" (${from}) matched no scenario: check its group=/failure=/layout= scopes`,
  checkPassed: (checks: number, scenarios: number, skipped: number) =>
    `ftparse check: PASS: all ${checks} check${checks === 1 ? "" : "s"} passed on ${scenarios} scenario` +
    `${scenarios === 1 ? "" : "s"}${skipped > 0 ? ` (${skipped} N/A accepted by allow-missing)` : ""}`,
  checkFailed: (failed: number, checks: number, breached: number, missing: number, scenarios: number) =>
    `ftparse check: FAIL: ${failed} of ${checks} checks failed (${breached} breached, ${missing} with no ` +
    `value) on ${scenarios} scenario${scenarios === 1 ? "" : "s"}`,
  checkFailedUnread: (unreadable: number, checks: number, scenarios: number) =>
    `ftparse check: FAIL: ${unreadable} scenario${unreadable === 1 ? "" : "s"} could not be read ` +
    `(the ${checks} check${checks === 1 ? "" : "s"} on the ${scenarios} other${scenarios === 1 ? "" : "s"} passed)`,
  noReadableRequest: "no readable client request",
  checkUnreadable: (n: number, allowed: boolean) =>
    `${n} scenario${n === 1 ? "" : "s"} found but not read (${
      allowed ? "accepted by --allow-unreadable" : "each fails the gate; --allow-unreadable accepts them"
    })`,
  ruleNeedsSla: (rule: string, from: string) =>
    `rule "${rule}" (${from}) needs --sla: violations are only counted against an SLA latency`,
  checkMissingHint:
    "hint: a rule fails where its metric has no value (N/A); add allow-missing to a rule to accept that",
  checkNothingInScope: (rules: number, scenarios: number) =>
    `none of the ${rules} rule${rules === 1 ? "" : "s"} applies to any of the ${scenarios} scenario` +
    `${scenarios === 1 ? "" : "s"}: nothing was checked`,

  mixedClientKinds: (n: number) =>
    `${n} legacy client log${n === 1 ? "" : "s"} (client_N.log.txt) ignored: the AI-Perf client folders ` +
    `take precedence, as in Dynamo's parser`,
  badAttemptName: "attempt folder skipped: its name is not attempt_<number> (Dynamo's parser fails on it)",
  noAiperfSummary:
    "no attempt of this client has profile_export_aiperf.json: the client adds no counted requests",
  noAiperfRecords:
    "the attempt Dynamo reads has no profile_export.jsonl: its requests are in the AI-Perf table (--as dynamo) " +
    "but cannot be split before/after the fault",
  noLoadResults: "no AI-Perf load results (profile_export*.json[l]) in this event-harness directory",
  badReport: (why: string) => `fault_tolerance_report.json skipped: ${why}`,
} as const;

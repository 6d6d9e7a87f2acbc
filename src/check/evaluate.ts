/**
 * Rules × scenarios → verdicts. Pure: takes the summary's JSON row objects (one per scenario, docs/contract.md#json-keys
 * keys) and the checked rules, returns one result per scenario and rule in scope.
 *
 * A scenario without a value for the rule's metric (null, N/A) fails the rule (`missing`) unless the
 * rule says `allow-missing` (`skipped`): a gate must not turn green because a number could not be
 * computed. For the same reason a scenario directory that was found but yielded no request (it has no
 * summary row) fails every gate whose rules would apply to it (`unreadable`), unless the caller
 * accepts unreadable scenarios (`check --allow-unreadable`).
 */
import { formatFixed2 } from "../number.js";
import { metricKind } from "./metrics.js";
import { SCOPE_FIELDS, type Op, type Rule } from "./rules.js";

export type CheckStatus = "pass" | "breach" | "missing" | "skipped";

/** A summary row as JSON (summaryObjects): identity keys plus metrics. */
export type SummaryObject = Record<string, unknown>;

export interface CheckResult {
  rule: Rule;
  row: SummaryObject;
  /** The measured value, null when the scenario has none. */
  value: number | null;
  status: CheckStatus;
}

export interface CheckCounts {
  scenarios: number;
  rules: number;
  checks: number;
  passed: number;
  breached: number;
  missing: number;
  skipped: number;
  /** Scenarios found but not read (no request) that some rule applies to. */
  unreadable: number;
  /** breached + missing (+ unreadable, unless accepted): what makes `ftparse check` exit 1. */
  failed: number;
}

/** A scenario directory that was found but yielded nothing to check, and why. */
export interface UnreadableScenario {
  /** Identity keys only (test_group, failure, layout, scenario_dir): it has no metrics. */
  row: SummaryObject;
  reason: string;
  /** Accepted by `--allow-unreadable`: reported, but not a failure. */
  allowed: boolean;
}

export interface CheckReport {
  rules: Rule[];
  rows: SummaryObject[];
  /** Scenario-major (rows in display order), then rules in the order given. */
  results: CheckResult[];
  /** Rules whose scopes matched no scenario (probably a typo in a scope). */
  unmatched: Rule[];
  /** Scenarios that could not be read and that at least one rule applies to. */
  unreadable: UnreadableScenario[];
  counts: CheckCounts;
  ok: boolean;
}

export function evaluateRules(
  rules: readonly Rule[],
  rows: readonly SummaryObject[],
  unread: { rows: readonly { row: SummaryObject; reason: string }[]; allow: boolean } = {
    rows: [],
    allow: false,
  },
): CheckReport {
  const results: CheckResult[] = [];
  const matched = new Set<Rule>();
  const unreadable: UnreadableScenario[] = [];
  for (const u of unread.rows) {
    const applying = rules.filter((rule) => inScope(rule, u.row));
    if (applying.length === 0) continue;
    for (const rule of applying) matched.add(rule);
    unreadable.push({ row: u.row, reason: u.reason, allowed: unread.allow });
  }
  for (const row of rows) {
    for (const rule of rules) {
      if (!inScope(rule, row)) continue;
      matched.add(rule);
      const value = numericValue(row[rule.metric]);
      const status: CheckStatus =
        value === null
          ? rule.allowMissing
            ? "skipped"
            : "missing"
          : holds(value, rule.op, rule.bound)
            ? "pass"
            : "breach";
      results.push({ rule, row, value, status });
    }
  }
  const count = (s: CheckStatus) => results.filter((r) => r.status === s).length;
  const counts: CheckCounts = {
    scenarios: rows.length,
    rules: rules.length,
    checks: results.length,
    passed: count("pass"),
    breached: count("breach"),
    missing: count("missing"),
    skipped: count("skipped"),
    unreadable: unreadable.length,
    failed: count("breach") + count("missing") + (unread.allow ? 0 : unreadable.length),
  };
  return {
    rules: [...rules],
    rows: [...rows],
    results,
    unmatched: rules.filter((r) => !matched.has(r)),
    unreadable,
    counts,
    ok: counts.failed === 0,
  };
}

export function isFailure(r: CheckResult): boolean {
  return r.status === "breach" || r.status === "missing";
}

/** Does the rule apply to this scenario? Every scope must hold; a scope holds if any glob matches. */
export function inScope(rule: Rule, row: SummaryObject): boolean {
  return rule.scopes.every((scope) => {
    const name = String(row[SCOPE_FIELDS[scope.field]] ?? "");
    const hit = scope.globs.some((g) => g.test(name));
    return scope.negate ? !hit : hit;
  });
}

/**
 * Comparisons with a relative tolerance of 1e-9, so that a ratio computed as 27/30 or a sum of
 * latencies in floating point equals the bound it is meant to equal.
 */
export function holds(value: number, op: Op, bound: number): boolean {
  const equal = Math.abs(value - bound) <= 1e-9 * Math.max(1, Math.abs(value), Math.abs(bound));
  switch (op) {
    case "<":
      return value < bound && !equal;
    case "<=":
      return value < bound || equal;
    case ">":
      return value > bound && !equal;
    case ">=":
      return value > bound || equal;
    case "==":
      return equal;
    case "!=":
      return !equal;
  }
}

function numericValue(v: unknown): number | null {
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "number" && Number.isFinite(v)) return v;
  return null;
}

/** A measured value in the metric's unit, as people read it: `76.11 s`, `0.4109 (41.09 %)`, `450`. */
export function formatMeasured(metric: string, value: number | null): string {
  if (value === null) return "N/A";
  switch (metricKind(metric)) {
    case "seconds":
      return `${formatFixed2(value)} s`;
    case "ratio":
      return `${Number(value.toFixed(4))} (${formatFixed2(value * 100)} %)`;
    default:
      return Number.isInteger(value) ? String(value) : formatFixed2(value);
  }
}

/** One sentence saying what was measured against what: used by every renderer. */
export function explain(r: CheckResult): string {
  const { metric, op, boundText } = r.rule;
  switch (r.status) {
    case "pass":
      return `${metric} is ${formatMeasured(metric, r.value)} (${op} ${boundText})`;
    case "breach":
      return `${metric} is ${formatMeasured(metric, r.value)}, needs ${op} ${boundText}`;
    case "missing":
      return `${metric} has no value (N/A), needs ${op} ${boundText}`;
    case "skipped":
      return `${metric} has no value (N/A): accepted by allow-missing`;
  }
}

/**
 * Rows grouped by test group, keeping the order they come in (summaryObjects are already in display
 * order: groups in natural order, failures in the reference order).
 */
export function groupsInOrder(rows: readonly SummaryObject[]): { name: string; rows: SummaryObject[] }[] {
  const groups = new Map<string, SummaryObject[]>();
  for (const row of rows) {
    const name = String(row.test_group);
    let list = groups.get(name);
    if (!list) groups.set(name, (list = []));
    list.push(row);
  }
  return [...groups].map(([name, list]) => ({ name, rows: list }));
}

/** Each scenario's results, in rule order. */
export function resultsByRow(results: readonly CheckResult[]): Map<SummaryObject, CheckResult[]> {
  const m = new Map<SummaryObject, CheckResult[]>();
  for (const r of results) {
    let list = m.get(r.row);
    if (!list) m.set(r.row, (list = []));
    list.push(r);
  }
  return m;
}

/**
 * `agg-tp-1-dp-1 / frontend`: how a scenario is named in reports; `run_001 · agg-tp-1-dp-1 / frontend`
 * when the report covers several runs.
 */
export function scenarioLabel(row: SummaryObject, withRun = false): string {
  const name = `${String(row.test_group)} / ${String(row.failure)}`;
  return withRun ? `${String(row.run)} · ${name}` : name;
}

/** One run's verdict: it fails when any check on any of its scenarios failed. */
export interface RunVerdict {
  run: string;
  ok: boolean;
  scenarios: number;
  /** Scenarios of this run with at least one failed check. */
  failedScenarios: number;
  /** Failed checks (breached or missing) in this run. */
  failedChecks: number;
}

/** The verdict of each run, in the order its first scenario comes in the report. */
export function runVerdicts(report: CheckReport): RunVerdict[] {
  const byRun = new Map<string, RunVerdict>();
  const runOf = (row: SummaryObject) => String(row.run ?? "");
  for (const row of report.rows) {
    const v = byRun.get(runOf(row)) ?? {
      run: runOf(row),
      ok: true,
      scenarios: 0,
      failedScenarios: 0,
      failedChecks: 0,
    };
    v.scenarios++;
    byRun.set(v.run, v);
  }
  for (const [row, results] of resultsByRow(report.results)) {
    const failed = results.filter(isFailure).length;
    if (failed === 0) continue;
    const v = byRun.get(runOf(row))!;
    v.ok = false;
    v.failedScenarios++;
    v.failedChecks += failed;
  }
  // a scenario found but not read counts in its run, and fails it unless accepted (--allow-unreadable)
  for (const u of report.unreadable) {
    const run = runOf(u.row);
    const v = byRun.get(run) ?? { run, ok: true, scenarios: 0, failedScenarios: 0, failedChecks: 0 };
    v.scenarios++;
    if (!u.allowed) {
      v.ok = false;
      v.failedScenarios++;
    }
    byRun.set(run, v);
  }
  return [...byRun.values()];
}

/** `run_001: FAIL (2 of 9 scenarios)` / `run_000: PASS (9 scenarios)`. */
export function runVerdictLine(v: RunVerdict): string {
  const s = (n: number) => `${n} scenario${n === 1 ? "" : "s"}`;
  return v.ok
    ? `${v.run}: PASS (${s(v.scenarios)})`
    : `${v.run}: FAIL (${v.failedScenarios} of ${s(v.scenarios)})`;
}

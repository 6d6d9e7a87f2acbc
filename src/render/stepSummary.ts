/**
 * `ftparse check` as Markdown for `$GITHUB_STEP_SUMMARY`: the verdict, then the breached rules, then
 * one summary table per test group with a Checks column, then every check in a collapsed list.
 *
 * GitHub refuses a step summary over 1 MiB, so the text is built against a byte budget, most important
 * part first: when a section does not fit, it is cut with a line saying how many rows were left out
 * (the JUnit report and `--format json` have them all) and the sections after it are dropped.
 */
import {
  explain,
  formatMeasured,
  groupsInOrder,
  isFailure,
  resultsByRow,
  type CheckReport,
  type CheckResult,
} from "../check/evaluate.js";
import type { Rule } from "../check/rules.js";
import { formatCell } from "./format.js";
import { visibleColumns } from "./summary.js";

/** GitHub's limit is 1 MiB per step; stay clearly under it. */
export const STEP_SUMMARY_BUDGET = 1_000_000;

export interface StepSummaryOptions {
  /** Rule sources applied (`built-in set "dynamo"`, …). */
  sources: readonly string[];
  /** Show the SLA violation columns (--sla given). */
  sla: boolean;
  /** Byte budget (tests use a small one). */
  budget?: number;
}

export function renderStepSummary(report: CheckReport, options: StepSummaryOptions): string {
  const out = new BudgetedText(options.budget ?? STEP_SUMMARY_BUDGET);
  const c = report.counts;
  out.add(
    report.ok
      ? `## ✅ ftparse check: all ${c.checks} checks passed\n\n`
      : c.breached + c.missing === 0
        ? `## ❌ ftparse check: ${c.unreadable} scenario${c.unreadable === 1 ? "" : "s"} could not be read\n\n`
        : `## ❌ ftparse check: ${c.breached + c.missing} of ${c.checks} checks failed\n\n`,
  );
  const groups = groupsInOrder(report.rows);
  out.add(
    `${c.scenarios} scenario${c.scenarios === 1 ? "" : "s"} in ${groups.length} test group` +
      `${groups.length === 1 ? "" : "s"} · ${c.rules} rule${c.rules === 1 ? "" : "s"} ` +
      `(${options.sources.map(cell).join(", ")}) · ${c.passed} passed · ${c.breached} breached · ` +
      `${c.missing} missing (N/A) · ${c.skipped} skipped (allow-missing)\n\n`,
  );

  if (report.unreadable.length > 0) {
    const allowed = report.unreadable.some((u) => u.allowed);
    out.table(
      allowed
        ? "### Scenarios not read (accepted by --allow-unreadable)\n\n"
        : "### Scenarios that could not be read (each fails the gate)\n\n",
      ["Test group", "Failure", "Why", "Directory"],
      ["---", "---", "---", "---"],
      report.unreadable.map((u) => [
        cell(String(u.row.test_group)),
        cell(String(u.row.failure)),
        cell(u.reason),
        cell(String(u.row.scenario_dir)),
      ]),
      out.used + (out.budget - out.used) / 4,
    );
  }

  const failures = report.results.filter(isFailure);
  if (failures.length > 0) {
    // at most half of the room, so that the group tables always show
    out.table(
      "### Breached rules\n\n",
      ["Test group", "Failure", "Rule", "Measured", "Needs"],
      ["---", "---", "---", "---:", "---"],
      failures.map((r) => [
        cell(String(r.row.test_group)),
        cell(String(r.row.failure)),
        ruleCell(r.rule),
        r.status === "missing" ? "N/A (missing)" : cell(formatMeasured(r.rule.metric, r.value)),
        cell(`${r.rule.op} ${r.rule.boundText}`),
      ]),
      out.used + (out.budget - out.used) / 2,
    );
  }

  const byRow = resultsByRow(report.results);
  const columns = visibleColumns(options.sla);
  for (const group of groups) {
    if (out.full) break;
    out.table(
      `### Test Group: ${cell(group.name)}\n\n`,
      [...columns.map((col) => col.header.replace("\n", " ")), "Checks"],
      [...columns.map((col) => (col.kind === "text" ? ":---:" : "---:")), ":---:"],
      group.rows.map((row) => [
        ...columns.map((col) => cell(formatCell(row[col.key], col.kind))),
        checksCell(byRow.get(row) ?? []),
      ]),
    );
  }

  if (report.unmatched.length > 0 && !out.full) {
    out.add(`**Rules that matched no scenario:** ${report.unmatched.map((r) => ruleCell(r)).join(", ")}\n\n`);
  }

  if (
    report.results.length > 0 &&
    !out.full &&
    out.add(`<details><summary>All ${c.checks} checks</summary>\n\n`)
  ) {
    out.table(
      "",
      ["Test group", "Failure", "Rule", "Result", "Detail"],
      ["---", "---", "---", ":---:", "---"],
      report.results.map((r) => [
        cell(String(r.row.test_group)),
        cell(String(r.row.failure)),
        ruleCell(r.rule),
        STATUS_MARK[r.status],
        cell(explain(r)),
      ]),
    );
    out.add("</details>\n", { force: true });
  }
  if (out.full) {
    out.add("\n_Some sections were left out to stay under GitHub's step-summary size limit._\n", {
      force: true,
    });
  }
  return out.text();
}

const STATUS_MARK = { pass: "✅ pass", breach: "❌ breach", missing: "❌ missing", skipped: "➖ skipped" };

function checksCell(results: readonly CheckResult[]): string {
  if (results.length === 0) return "–";
  const failed = results.filter(isFailure).length;
  return failed === 0 ? `✅ ${results.length}/${results.length}` : `❌ ${failed} of ${results.length} failed`;
}

function ruleCell(rule: Rule): string {
  const code = rule.expr.includes("`") ? cell(rule.expr) : `\`${rule.expr.replace(/\|/g, "\\|")}\``;
  return rule.name === rule.expr ? code : `${cell(rule.name)} ${code}`;
}

/** A table cell: no line breaks, no column separators, no raw HTML. */
function cell(s: string): string {
  return s.replace(/\r?\n/g, " ").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/\|/g, "\\|");
}

/** Text that stops growing at a byte budget, keeping room for the note that says what was cut. */
class BudgetedText {
  private parts: string[] = [];
  used = 0;
  /** Set once something did not fit: later sections are dropped. */
  full = false;
  private static readonly NOTE_ROOM = 1000;

  constructor(readonly budget: number) {}

  /** Append unless that would pass `limit` (the budget, less room for notes); `force` always appends. */
  add(s: string, opts: { force?: boolean; limit?: number } = {}): boolean {
    const n = Buffer.byteLength(s, "utf8");
    const limit = Math.min(opts.limit ?? this.budget, this.budget) - BudgetedText.NOTE_ROOM;
    if (!opts.force && this.used + n > limit) {
      if (opts.limit === undefined) this.full = true;
      return false;
    }
    this.parts.push(s);
    this.used += n;
    return true;
  }

  /** A Markdown table, cut with a note when it would pass `limit` bytes of the whole text. */
  table(title: string, headers: string[], align: string[], rows: string[][], limit?: number): void {
    if (!this.add(`${title}| ${headers.join(" | ")} |\n|${align.join("|")}|\n`)) return;
    let shown = 0;
    for (const r of rows) {
      if (!this.add(`| ${r.join(" | ")} |\n`, { limit })) break;
      shown++;
    }
    if (shown < rows.length) {
      this.add(
        `\n_… ${rows.length - shown} more row${rows.length - shown === 1 ? "" : "s"} left out to stay under ` +
          `GitHub's step-summary size limit; the JUnit report and \`--format json\` have them all._\n`,
        { force: true },
      );
    }
    this.add("\n", { force: true });
  }

  text(): string {
    return this.parts.join("");
  }
}

/**
 * What `ftparse check` prints on stdout, in each --format:
 * - table: one line per scenario with its verdict and the checks it failed (cli-table3);
 * - markdown: the step summary (stepSummary.ts);
 * - csv: one line per scenario × rule;
 * - json: `{ok, counts, sources, rules, results}`, for scripts (keys stable: add, never rename).
 */
import {
  explain,
  groupsInOrder,
  isFailure,
  resultsByRow,
  runVerdicts,
  type CheckReport,
  type CheckResult,
} from "../check/evaluate.js";
import { renderCsv } from "./csv.js";
import { renderStepSummary } from "./stepSummary.js";
import type { Format } from "./summary.js";
import { renderTable } from "./table.js";
import { fitLine } from "./fit.js";
import { bad, good } from "./marks.js";

export interface CheckRenderOptions {
  sources: readonly string[];
  sla: boolean;
  color: boolean;
  width?: number;
}

export function renderCheck(report: CheckReport, format: Format, options: CheckRenderOptions): string {
  switch (format) {
    case "table":
      return renderCheckTable(report, options.color, options.width);
    case "markdown":
      return renderStepSummary(report, options);
    case "csv":
      return renderCsv(resultKeys, resultObjects(report));
    case "json":
      return JSON.stringify(checkJson(report, options.sources), null, 2) + "\n";
  }
}

const resultKeys = [
  "test_group",
  "failure",
  "layout",
  "scenario_dir",
  "rule",
  "expr",
  "metric",
  "op",
  "bound",
  "value",
  "status",
  "message",
  "run",
  "scenario_id",
] as const;

function resultObjects(report: CheckReport): Record<string, unknown>[] {
  const unread = report.unreadable.map((u) => ({
    test_group: u.row.test_group,
    failure: u.row.failure,
    layout: u.row.layout,
    scenario_dir: u.row.scenario_dir,
    rule: null,
    expr: null,
    metric: null,
    op: null,
    bound: null,
    value: null,
    status: u.allowed ? "unreadable-allowed" : "unreadable",
    message: u.reason,
    run: u.row.run ?? null,
    scenario_id: u.row.scenario_id ?? null,
  }));
  return [...report.results.map(resultObject), ...unread];
}

function resultObject(r: CheckResult): Record<string, unknown> {
  return {
    test_group: r.row.test_group,
    failure: r.row.failure,
    layout: r.row.layout,
    scenario_dir: r.row.scenario_dir,
    rule: r.rule.name,
    expr: r.rule.expr,
    metric: r.rule.metric,
    op: r.rule.op,
    bound: r.rule.bound,
    value: r.value,
    status: r.status,
    message: explain(r),
    run: r.row.run ?? null,
    scenario_id: r.row.scenario_id ?? null,
  };
}

export function checkJson(report: CheckReport, sources: readonly string[]) {
  const matched = new Map(report.rules.map((rule) => [rule, 0]));
  for (const r of report.results) matched.set(r.rule, matched.get(r.rule)! + 1);
  return {
    ok: report.ok,
    counts: report.counts,
    sources,
    rules: report.rules.map((rule) => ({
      name: rule.name,
      expr: rule.expr,
      from: rule.origin.label,
      scenarios: matched.get(rule)!,
    })),
    runs: runVerdicts(report).map((v) => ({
      run: v.run,
      ok: v.ok,
      scenarios: v.scenarios,
      failed_scenarios: v.failedScenarios,
      failed_checks: v.failedChecks,
    })),
    results: resultObjects(report),
  };
}

function renderCheckTable(report: CheckReport, color: boolean, width?: number): string {
  let out = "";
  const byRow = resultsByRow(report.results);
  const unreadByRow = new Map(report.unreadable.map((u) => [u.row, u]));
  const manyRuns = runVerdicts(report).length > 1;
  for (const group of groupsInOrder([...report.rows, ...unreadByRow.keys()])) {
    out += `\n${fitLine(`Test Group: ${group.name}`, width)}\n\n`;
    const rows = group.rows.map((row) => {
      const unread = unreadByRow.get(row);
      if (unread) {
        const verdict = unread.allowed ? "not read" : "FAIL";
        const cells = [
          String(row.failure),
          paint(verdict, color),
          `${unread.reason} (${String(row.scenario_dir)})`,
        ];
        return manyRuns ? [String(row.run), ...cells] : cells;
      }
      const results = byRow.get(row) ?? [];
      const failed = results.filter(isFailure);
      const verdict = results.length === 0 ? "no rule" : failed.length === 0 ? "PASS" : "FAIL";
      const detail =
        failed.length > 0
          ? failed.map((r) => `${r.rule.name}: ${explain(r)}`).join("\n")
          : `${results.length} check${results.length === 1 ? "" : "s"} passed` +
            (results.some((r) => r.status === "skipped") ? " (some N/A, allowed)" : "");
      const cells = [String(row.failure), paint(verdict, color), detail];
      return manyRuns ? [String(row.run), ...cells] : cells;
    });
    out += renderTable({
      headers: [...(manyRuns ? ["Run"] : []), "Failure", "Result", "Checks"],
      rows,
      align: [...(manyRuns ? (["left"] as const) : []), "center", "center", "left"],
      color,
      width,
    });
    out += "\n";
  }
  return out;
}

/** "✓ PASS" / "✗ FAIL" (k6's threshold marks), in colour when wanted. */
function paint(verdict: string, color: boolean): string {
  if (verdict === "PASS") return good(verdict, color);
  if (verdict === "FAIL") return bad(verdict, color);
  return verdict;
}

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
} from "../check/evaluate.js";
import { renderCsv } from "./csv.js";
import { renderStepSummary } from "./stepSummary.js";
import type { Format } from "./summary.js";
import { renderTable } from "./table.js";

export interface CheckRenderOptions {
  sources: readonly string[];
  sla: boolean;
  color: boolean;
}

export function renderCheck(report: CheckReport, format: Format, options: CheckRenderOptions): string {
  switch (format) {
    case "table":
      return renderCheckTable(report, options.color);
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
  return report.results.map((r) => ({
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
  }));
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

function renderCheckTable(report: CheckReport, color: boolean): string {
  let out = "";
  const byRow = resultsByRow(report.results);
  const manyRuns = runVerdicts(report).length > 1;
  for (const group of groupsInOrder(report.rows)) {
    out += `\nTest Group: ${group.name}\n\n`;
    const rows = group.rows.map((row) => {
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
    });
    out += "\n";
  }
  return out;
}

function paint(verdict: string, color: boolean): string {
  if (!color) return verdict;
  if (verdict === "PASS") return `\u001b[32m${verdict}\u001b[39m`;
  if (verdict === "FAIL") return `\u001b[31m${verdict}\u001b[39m`;
  return verdict;
}

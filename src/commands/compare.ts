/**
 * `ftparse compare A B --db FILE` — every stored metric of run A next to run B, per test group and
 * failure, with the change and a regression flag.
 *
 *   open FILE (read-only) ──► resolve A, B (resolve_run.sql) ──► queries/compare.sql ──► render
 *
 * Each metric is judged in its unit (seconds, percentage points, counts) with an absolute floor per
 * unit (--min-delta) on top of the relative --threshold; counts only when both runs had the same load
 * (docs/compare.md). With --fail-on-regression the exit code is 1 when any metric regressed (for CI).
 */
import type { Row } from "../db.js";
import type { Effects } from "../effects.js";
import { ExitCode } from "../errors.js";
import { describeRunRef, metricNames, resolveRun, validateMetric } from "../history/metrics.js";
import { openStore } from "../history/open.js";
import { METRIC_TABLES, pruneLake } from "../lake/read.js";
import type { StoreRef } from "../history/open.js";
import { fitLine } from "../render/fit.js";
import { bad, good } from "../render/marks.js";
import { naturalCompare } from "../number.js";
import { type Column } from "../render/columns.js";
import { formatCell } from "../render/format.js";
import { metricKind, renderRows } from "../render/rows.js";
import { compareUnit, DEFAULT_MIN_DELTA, describeMinDelta, type MinDelta } from "../history/minDelta.js";
import { groupHeading, type Format } from "../render/print.js";

export interface CompareOptions extends StoreRef {
  format: Format;
  a: string;
  b: string;
  /** Relative change that counts, as a ratio (0.1 = 10 %). */
  threshold: number;
  /** Absolute floor per unit: a smaller change is never a regression (default DEFAULT_MIN_DELTA). */
  minDelta?: MinDelta;
  /** Judge counts even when the runs' loads differ. */
  counts?: boolean;
  metrics?: readonly string[];
  onlyChanges: boolean;
  failOnRegression: boolean;
  waitSeconds: number;
}

/** JSON keys of a compare row (stable: add, never rename). */
export const compareJsonKeys = [
  "test_group",
  "failure",
  "metric",
  "a",
  "b",
  "delta",
  "delta_ratio",
  "better",
  "status",
  "regression",
  "unit",
  "delta_in_unit",
  "min_delta",
] as const;

export async function compare(options: CompareOptions, effects: Effects): Promise<ExitCode> {
  const minDelta = options.minDelta ?? DEFAULT_MIN_DELTA;
  const db = await openStore(options, effects, { tables: METRIC_TABLES, threads: 1 });
  let rows: Row[];
  let runA: Row;
  let runB: Row;
  try {
    // 1. the two runs and the metrics asked for
    runA = await resolveRun(db, options.a);
    runB = await resolveRun(db, options.b);
    await pruneLake(db, [Number(runA.run_id), Number(runB.run_id)]);
    for (const m of options.metrics ?? []) await validateMetric(db, m);
    const known = await metricNames(db);
    // 2. metric by metric, per group and failure
    rows = (
      await db.all("compare", {
        a: Number(runA.run_id),
        b: Number(runB.run_id),
        threshold: options.threshold,
        min_s: minDelta.s,
        min_pp: minDelta.pp,
        min_count: minDelta.count,
        counts: Boolean(options.counts),
        unit_metrics: known,
        units: known.map(compareUnit),
        metrics: options.metrics && options.metrics.length > 0 ? options.metrics : null,
      })
    ).map((r) => ({ ...r, regression: r.status === "regression" }));
  } finally {
    db.close();
  }
  if (options.onlyChanges) rows = rows.filter((r) => r.status !== "same");
  // 3. render
  const regressions = rows.filter((r) => r.regression).length;
  effects.stdout.write(renderCompare(rows, runA, runB, options, effects.color, effects.stdoutColumns));
  effects.stderr.write(
    `${regressions} regression${regressions === 1 ? "" : "s"} beyond ${Number((options.threshold * 100).toFixed(6))} % and ${describeMinDelta(minDelta)} (${describeRunRef(runA)} → ${describeRunRef(runB)})\n`,
  );
  return options.failOnRegression && regressions > 0 ? ExitCode.CheckFailed : ExitCode.Ok;
}

function renderCompare(
  rows: readonly Row[],
  a: Row,
  b: Row,
  options: CompareOptions,
  color: boolean,
  width?: number,
): string {
  if (options.format === "json" || options.format === "csv") {
    return renderRows(rows, [], options.format, { color, machineKeys: compareJsonKeys });
  }
  color &&= options.format === "table"; // no colour codes in Markdown
  const shown: Row[] = collapseMissingScenarios(rows).map((r) => {
    if (r.collapsed)
      return { ...r, a_text: "", b_text: "", delta_text: "", ratio_text: "", status_text: r.status };
    const kind = metricKind(String(r.metric));
    return {
      ...r,
      a_text: formatCell(r.a, kind),
      b_text: formatCell(r.b, kind),
      delta_text: changeText(r),
      // a rate's change is in points only: a relative change of a rate next to it reads as the same unit
      ratio_text: r.delta_ratio === null || r.unit === "pp" ? "" : signed(formatCell(r.delta_ratio, "ratio")),
      status_text:
        r.status === "regression"
          ? bad("REGRESSION", color)
          : r.status === "improvement"
            ? good("improvement", color)
            : r.status === "same"
              ? ""
              : String(r.status).replace("_", " "),
    };
  });
  const columns: Column[] = [
    { key: "failure", header: "Failure", kind: "text" },
    { key: "metric", header: "Metric", kind: "text" },
    { key: "a_text", header: `A: run ${String(a.run_id)}`, kind: "shown", align: "right" },
    { key: "b_text", header: `B: run ${String(b.run_id)}`, kind: "shown", align: "right" },
    { key: "delta_text", header: "Change", kind: "shown", align: "right" },
    { key: "ratio_text", header: "Change %", kind: "shown", align: "right" },
    { key: "status_text", header: "", kind: "shown" },
  ];
  const heading = `${fitLine(`A = ${describeRunRef(a)}`, width)}\n${fitLine(`B = ${describeRunRef(b)}`, width)}\n`;
  if (shown.length === 0) return `${heading}(no differences)\n`;
  const groups = [...new Set(shown.map((r) => String(r.test_group)))].sort(naturalCompare);
  let out = options.format === "markdown" ? `${heading.replace(/\n/g, "  \n")}\n` : heading;
  for (const group of groups) {
    const body = renderRows(
      shown.filter((r) => r.test_group === group),
      columns,
      options.format,
      { color, width },
    );
    out +=
      options.format === "markdown"
        ? `### ${groupHeading(`Test Group: ${group}`, "markdown")}\n\n${body}\n`
        : `\n${groupHeading(`Test Group: ${group}`, "table", width)}\n\n${body}`;
  }
  return out;
}

/** A scenario present in one run only shows as one line ("only in run A") instead of one per metric. */
function collapseMissingScenarios(rows: readonly Row[]): Row[] {
  const out: Row[] = [];
  for (let i = 0; i < rows.length;) {
    let j = i;
    while (
      j < rows.length &&
      rows[j]!.test_group === rows[i]!.test_group &&
      rows[j]!.failure === rows[i]!.failure
    )
      j++;
    const block = rows.slice(i, j);
    const onlyA = block.every((r) => r.b === null);
    const onlyB = block.every((r) => r.a === null);
    if ((onlyA || onlyB) && !(onlyA && onlyB)) {
      out.push({
        ...block[0]!,
        metric: "(every metric)",
        status: onlyA ? "only in run A" : "only in run B",
        collapsed: true,
      });
    } else {
      out.push(...block);
    }
    i = j;
  }
  return out;
}

/** The change in the metric's unit: "+0.78 s", "-0.15 pp", "-158". */
function changeText(r: Row): string {
  if (r.delta_in_unit === null) return "N/A";
  const v = Number(r.delta_in_unit);
  if (r.unit === "count") return signed(formatCell(v, "number"));
  return `${signed(formatCell(v, "seconds"))} ${String(r.unit)}`;
}

/** "+1.20" for a positive change; no sign when it rounds to zero. */
function signed(text: string): string {
  return /^[0.]+( %)?$/.test(text) || text.startsWith("-") ? text : `+${text}`;
}

/**
 * `ftparse trend --metric M --db FILE` — one metric across runs, per test group and failure.
 *
 *   open FILE (read-only) ──► validate M (metric_names.sql) ──► queries/trend.sql ──► render
 *                                                     + trend_runs.sql (per run) ─┘   (+ --chart: Vega-Lite)
 *
 * Tables and Markdown show one table per test group: a row per run, a column per failure. JSON and
 * CSV carry one object per run, group and failure.
 */
import type { Row } from "../db.js";
import type { Effects } from "../effects.js";
import { ExitCode } from "../errors.js";
import { validateMetric } from "../history/metrics.js";
import { msg } from "../messages.js";
import { openStore } from "../history/open.js";
import { isLake, lastRuns, METRIC_TABLES, pruneLake } from "../lake/read.js";
import type { StoreRef } from "../history/open.js";
import { writeFileAtomic } from "../render/files.js";
import { naturalCompare } from "../number.js";
import { type Column } from "../render/columns.js";
import { formatCell } from "../render/format.js";
import { metricKind, renderRows } from "../render/rows.js";
import { groupHeading, type Format } from "../render/print.js";
import {
  bindTrendData,
  TREND_CHART_EXTENSIONS,
  trendChartExtension,
  trendChartFile,
  trendChartSpec,
} from "../render/trendChart.js";
import { usageError } from "../errors.js";

export interface TrendOptions extends StoreRef {
  format: Format;
  metric: string;
  group?: string;
  failure?: string;
  last?: number;
  chart?: string;
  waitSeconds: number;
}

/** JSON keys of a trend row (stable: add, never rename). */
export const trendJsonKeys = [
  "run_id",
  "run_name",
  "run_time",
  "labels",
  "test_group",
  "failure",
  "metric",
  "value",
  "delta",
  "scenarios",
] as const;

export async function trend(options: TrendOptions, effects: Effects): Promise<ExitCode> {
  if (options.chart !== undefined && trendChartExtension(options.chart) === undefined)
    throw usageError(
      `--chart ${options.chart}: unknown file type`,
      `name the file with one of ${TREND_CHART_EXTENSIONS.join(", ")}`,
    );
  const db = await openStore(options, effects, { tables: METRIC_TABLES, threads: 1 });
  let rows: Row[];
  try {
    // 1. the metric must be one the history stores
    const metric = await validateMetric(db, options.metric);
    // (a lake reads the stored metrics of those runs only)
    if (options.last !== undefined && isLake(db)) await pruneLake(db, await lastRuns(db, options.last));
    // 2. its values across runs, and each run's name, time and labels (once per run: trend.sql)
    const values = await db.all("trend", {
      metric,
      group: options.group ?? null,
      failure: options.failure ?? null,
      last: options.last ?? null,
    });
    const runs = new Map((await db.all("trend_runs")).map((r) => [r.run_id, r]));
    rows = values.map((v) => {
      const run = runs.get(v.run_id)!;
      return {
        run_id: v.run_id,
        run_name: run.run_name,
        run_time: run.run_time,
        labels: run.labels,
        test_group: v.test_group,
        failure: v.failure,
        failure_order: v.failure_order,
        metric,
        value: v.value,
        delta: v.delta,
        scenarios: v.scenarios,
        seq: v.seq,
      };
    });
  } finally {
    db.close();
  }
  // 3. render, and write the chart
  if (rows.length === 0) effects.stderr.write(`${msg.noTrendValues(options.metric)}\n`);
  effects.stdout.write(
    renderTrend(rows, options.metric, options.format, effects.color, effects.stdoutColumns),
  );
  if (options.chart) {
    const spec = bindTrendData(trendChartSpec(options.metric), rows);
    await writeFileAtomic(options.chart, await trendChartFile(spec, options.chart));
  }
  return ExitCode.Ok;
}

export function renderTrend(
  rows: readonly Row[],
  metric: string,
  format: Format,
  color: boolean,
  width?: number,
): string {
  if (format === "json" || format === "csv") {
    return renderRows(rows, [], format, { color, machineKeys: trendJsonKeys });
  }
  if (rows.length === 0) return `(no values of ${metric} for these runs)\n`;
  const kind = metricKind(metric);
  const groups = [...new Set(rows.map((r) => String(r.test_group)))].sort(naturalCompare);
  let out = "";
  for (const group of groups) {
    const inGroup = rows.filter((r) => r.test_group === group);
    const failures = [...new Set(inGroup.map((r) => String(r.failure)))];
    const runs = new Map<number, Row>();
    for (const r of [...inGroup].sort((x, y) => Number(x.seq) - Number(y.seq))) {
      const run = runs.get(Number(r.run_id)) ?? {
        run_id: r.run_id,
        run_name: r.run_name ?? "",
        run_time: r.run_time,
        labels: r.labels,
      };
      run[`v:${String(r.failure)}`] = cell(r, kind);
      runs.set(Number(r.run_id), run);
    }
    const columns: Column[] = [
      { key: "run_id", header: "Run", kind: "count" },
      { key: "run_name", header: "Name", kind: "text" },
      { key: "run_time", header: "Started", kind: "time" },
      { key: "labels", header: "Labels", kind: "labels" },
      ...failures.map((f) => ({ key: `v:${f}`, header: f, kind: "shown" as const, align: "right" as const })),
    ];
    const body = renderRows([...runs.values()], columns, format, { color, width });
    out +=
      format === "markdown"
        ? `### ${groupHeading(`${metric} — Test Group: ${group}`, "markdown")}\n\n${body}\n`
        : `\n${groupHeading(`${metric} — Test Group: ${group}`, "table", width)}\n\n${body}`;
  }
  return out;
}

/** `76.11 (+3.20)`: the value and its change from the previous run. */
function cell(r: Row, kind: ReturnType<typeof metricKind>): string {
  const v = formatCell(r.value, kind);
  if (r.delta === null || r.delta === undefined || Number(r.delta) === 0) return v;
  const d = formatCell(Math.abs(Number(r.delta)), kind);
  return `${v} (${Number(r.delta) > 0 ? "+" : "-"}${d})`;
}

/**
 * Binding data to the chart specs, last: shapes the rows of the views into the named datasets the specs
 * read (see specs.ts) and returns a new, self-contained spec (`datasets` inlined). Specs are never
 * mutated.
 */
import type { TopLevelSpec } from "vega-lite";
import type { Row } from "../../db.js";
import { METRICS } from "../../metrics/catalog.js";
import type { TimelineData } from "../../metrics/views.js";
import { orderedRows } from "../groups.js";
import { wrapLabel } from "./wrap.js";

export type Datasets = Record<string, readonly Record<string, unknown>[]>;

export function bindData(spec: TopLevelSpec, datasets: Datasets): TopLevelSpec {
  return { ...spec, datasets: { ...datasets } } as TopLevelSpec;
}

/**
 * Fields of a summary row the charts read (keeps the inlined data small and free of paths): what names
 * a scenario, then the catalog's charted metrics (metrics/catalog.ts), the reference's first, then the
 * clients' figures, then the percentiles.
 */
const SUMMARY_FIELDS: readonly string[] = [
  "run",
  "scenario_id",
  "scenario_dir",
  "test_group",
  "failure",
  "failure_order",
  ...(["reference", "clients", "percentiles"] as const).flatMap((group) =>
    METRICS.filter((m) => m.chart && m.group === group).map((m) => m.key),
  ),
];

export function summaryDataset(rows: readonly Row[]): Record<string, unknown>[] {
  return orderedRows(rows).map((r, order) => ({
    order,
    ...Object.fromEntries(SUMMARY_FIELDS.map((k) => [k, r[k] ?? null])),
    failure_label: wrapLabel(String(r.failure)),
    group_label: wrapLabel(String(r.test_group)),
  }));
}

/** How many runs the rows come from (rows without a `run` count as one run). */
export function runCount(rows: readonly Row[]): number {
  return Math.max(1, new Set(rows.map((r) => r.run ?? r.run_id ?? null)).size);
}

const EVENT_LABELS: Record<string, string> = {
  fault: "Fault injected",
  container_exit: "Container exit",
  container_start: "Container start",
  ready_line: "Ready line",
};

/** Which scenarios get a timeline panel: all of them up to `max`, else the worst by client outage. */
export function timelineScenarios(rows: readonly Row[], max: number): Row[] {
  const ordered = orderedRows(rows);
  if (ordered.length <= max) return ordered;
  const severity = (r: Row) => [Number(r.outage_total_s ?? -1), Number(r.recovered_s ?? -1)] as const;
  const worst = new Set(
    [...ordered]
      .sort((a, b) => severity(b)[0] - severity(a)[0] || severity(b)[1] - severity(a)[1])
      .slice(0, max),
  );
  return ordered.filter((r) => worst.has(r));
}

/**
 * The timeline dataset: buckets, outages and in-window events of the chosen scenarios, each row tagged
 * with its layer and its panel's label and order. Labels repeat group/failure; a scenario id is added
 * only where two scenarios would share one.
 */
export function timelineDataset(scenarios: readonly Row[], data: TimelineData): Record<string, unknown>[] {
  const labels = panelLabels(scenarios);
  const panel = (id: unknown) => labels.get(Number(id));
  const out: Record<string, unknown>[] = [];
  for (const b of data.buckets) {
    const p = panel(b.scenario_id);
    if (!p) continue;
    out.push({
      layer: "bucket",
      ...p,
      t_s: b.t_s,
      t_end_s: Number(b.t_s) + Number(b.bucket_s),
      successes: b.successes,
      failures: b.failures,
      p50_s: b.p50_s,
    });
  }
  for (const o of data.outages) {
    const p = panel(o.scenario_id);
    if (p) out.push({ layer: "outage", ...p, start_s: o.start_s, end_s: o.end_s, duration_s: o.duration_s });
  }
  for (const e of data.events) {
    const p = panel(e.scenario_id);
    const event = EVENT_LABELS[String(e.kind)];
    if (!p || !event || e.in_window !== true) continue;
    const who = [e.service, e.pod].filter((x) => x !== null && x !== undefined).join(" ");
    out.push({
      layer: "event",
      ...p,
      t_s: e.t_s,
      event,
      is_fault: e.kind === "fault",
      detail: [who, e.detail].filter(Boolean).join(": "),
    });
  }
  return out;
}

/**
 * Panel titles say which run, test group and failure a timeline shows (the run only when there are
 * several); two panels that would still share a title get the scenario_id that every row and
 * timeline.csv carry.
 */
function panelLabels(scenarios: readonly Row[]): Map<number, { label: string; order: number }> {
  const manyRuns = runCount(scenarios) > 1;
  const base = (r: Row) =>
    `${manyRuns ? `${String(r.run)} · ` : ""}${String(r.test_group)} / ${String(r.failure)}`;
  const seen = new Map<string, number>();
  for (const r of scenarios) seen.set(base(r), (seen.get(base(r)) ?? 0) + 1);
  const out = new Map<number, { label: string; order: number }>();
  scenarios.forEach((r, i) => {
    const title = seen.get(base(r))! > 1 ? `${base(r)} (scenario_id ${String(r.scenario_id)})` : base(r);
    out.set(Number(r.scenario_id), { label: wrapLabel(title, 60), order: i });
  });
  return out;
}

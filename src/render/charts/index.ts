/**
 * The report's charts: spec (specs.ts) + data (bind.ts) → SVG and PNG (render.ts).
 */
import type { TopLevelSpec } from "vega-lite";
import type { Row } from "../../db.js";
import type { TimelineData } from "../../metrics/views.js";
import { bindData, runCount, summaryDataset, timelineDataset, timelineScenarios } from "./bind.js";
import { renderSvg, svgToPng } from "./render.js";
import {
  emptySpec,
  latencySpec,
  outcomesSpec,
  recoverySpec,
  timelineSpec,
  type ChartFacts,
  type ChartName,
} from "./specs.js";

export interface Chart {
  name: ChartName;
  /** One-line caption for the HTML report. */
  caption: string;
  spec: TopLevelSpec;
  svg: string;
  png: Uint8Array;
}

export interface ChartOptions {
  bucketS: number;
  /** Most timeline panels drawn (the worst scenarios by client outage when there are more). */
  maxTimelines: number;
}

export const DEFAULT_MAX_TIMELINES = 24;

/** What each chart draws, to say why when there is nothing (`null`: something to draw). */
function emptyReason(name: ChartName, rows: readonly Row[], timelineRows: number): string | null {
  if (rows.length === 0) return "no scenarios in this report";
  const faulted = rows.filter((r) => r.failure !== "none");
  switch (name) {
    case "recovery":
      return faulted.length === 0 ? "no fault in these scenarios" : null;
    case "outcomes":
      return null;
    case "timeline":
      return timelineRows === 0 ? "no request or event in the time window of these scenarios" : null;
    case "latency":
      return rows.some((r) => r.p50_before_s != null || r.p50_after_s != null)
        ? null
        : "no successful request with a latency in these scenarios";
  }
}

const TITLES: Record<ChartName, string> = {
  recovery: "Recovery after the fault, by test group and failure",
  outcomes: "Requests before vs after the fault",
  timeline: "What clients saw around the fault",
  latency: "Latency percentiles of successful requests, before vs after the fault",
};

/** Bound specs of every chart, in report order. */
export function chartSpecs(
  rows: readonly Row[],
  timeline: TimelineData,
  options: ChartOptions,
): { name: ChartName; caption: string; spec: TopLevelSpec }[] {
  const summary = { summary: summaryDataset(rows) };
  const facts: ChartFacts = { runs: runCount(rows), failures: rows.map((r) => String(r.failure)) };
  const shown = timelineScenarios(rows, options.maxTimelines);
  const tlRows = timelineDataset(shown, timeline);
  const tl = timelineSpec({ shown: shown.length, total: rows.length, bucketS: options.bucketS });
  const across = facts.runs > 1 ? ` Mean of ${facts.runs} runs with min–max.` : "";
  const charts: { name: ChartName; caption: string; spec: TopLevelSpec }[] = [
    {
      name: "recovery",
      caption: `Recovery by failure in each test group: last ready line, failed component ready, clients recovered.${across}`,
      spec: bindData(recoverySpec(facts), summary),
    },
    {
      name: "outcomes",
      caption: `Succeeded and failed requests before vs after the fault.${across}`,
      spec: bindData(outcomesSpec(facts), summary),
    },
    {
      name: "timeline",
      caption: "Per-scenario timeline: completions per bucket, client outages, the fault and pod events.",
      spec: bindData(tl, { timeline: tlRows }),
    },
    {
      name: "latency",
      caption: `Latency percentiles (p50, p90, p99) of successful requests before vs after the fault.${across ? ` Mean of ${facts.runs} runs.` : ""}`,
      spec: bindData(latencySpec(facts), summary),
    },
  ];
  return charts.map((c) => {
    const reason = emptyReason(c.name, rows, tlRows.length);
    return reason === null
      ? c
      : { ...c, caption: `${TITLES[c.name]}: ${reason}.`, spec: emptySpec(TITLES[c.name], reason) };
  });
}

export async function renderCharts(
  rows: readonly Row[],
  timeline: TimelineData,
  options: ChartOptions,
): Promise<Chart[]> {
  const out: Chart[] = [];
  for (const c of chartSpecs(rows, timeline, options)) {
    const { svg } = await renderSvg(c.spec);
    out.push({ ...c, svg, png: svgToPng(svg) });
  }
  return out;
}

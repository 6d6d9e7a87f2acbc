/**
 * The report's charts: spec (specs.ts) + data (bind.ts) → SVG and PNG (render.ts).
 */
import type { TopLevelSpec } from "vega-lite";
import type { Row } from "../../db.js";
import type { TimelineData } from "../../metrics/views.js";
import { bindData, summaryDataset, timelineDataset, timelineScenarios } from "./bind.js";
import { renderSvg, svgToPng } from "./render.js";
import { latencySpec, outcomesSpec, recoverySpec, timelineSpec, type ChartName } from "./specs.js";

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

/** Bound specs of every chart, in report order. */
export function chartSpecs(
  rows: readonly Row[],
  timeline: TimelineData,
  options: ChartOptions,
): { name: ChartName; caption: string; spec: TopLevelSpec }[] {
  const summary = { summary: summaryDataset(rows) };
  const shown = timelineScenarios(rows, options.maxTimelines);
  const tl = timelineSpec({ shown: shown.length, total: rows.length, bucketS: options.bucketS });
  return [
    {
      name: "recovery",
      caption:
        "Recovery by failure across test groups: last ready line, failed component ready, clients recovered.",
      spec: bindData(recoverySpec(), summary),
    },
    {
      name: "outcomes",
      caption: "Succeeded and failed requests before vs after the fault.",
      spec: bindData(outcomesSpec(), summary),
    },
    {
      name: "timeline",
      caption: "Per-scenario timeline: completions per bucket, client outages, the fault and pod events.",
      spec: bindData(tl, { timeline: timelineDataset(shown, timeline) }),
    },
    {
      name: "latency",
      caption: "Latency percentiles (p50, p90, p99) of successful requests before vs after the fault.",
      spec: bindData(latencySpec(), summary),
    },
  ];
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

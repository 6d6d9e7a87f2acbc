/**
 * What `--out DIR` holds beyond summary.{json,csv,md}: the timeline as CSV, every chart as Vega-Lite
 * spec, SVG and PNG under charts/, and report.html. Loaded lazily: only --out pays for Vega.
 */
import { join } from "node:path";
import type { Row } from "../db.js";
import type { ExtendedParams, TimelineData } from "../metrics/views.js";
import type { Warning } from "../messages.js";
import { DEFAULT_MAX_TIMELINES, renderCharts } from "./charts/index.js";
import { renderCsv } from "./csv.js";
import { writeFileAtomic } from "./files.js";
import { renderReportHtml, type ReportHtmlInput } from "./html.js";
import type { SummaryRenderOptions } from "./summary.js";

export interface ReportDirInput {
  rows: readonly Row[];
  timeline: TimelineData;
  warnings: readonly Warning[];
  render: SummaryRenderOptions;
  ext: ExtendedParams;
  inputs: readonly string[];
  generatedAt: Date;
  /** report.html's verdict section (html.ts). */
  verdict?: ReportHtmlInput["verdict"];
}

const TIMELINE_KEYS = [
  "scenario_id",
  "t_s",
  "bucket_start",
  "bucket_s",
  "successes",
  "failures",
  "p50_s",
  "p90_s",
  "p99_s",
];
const EVENT_KEYS = [
  "scenario_id",
  "t_s",
  "ts",
  "kind",
  "service",
  "pod",
  "detail",
  "in_window",
  "failed_component",
];

export async function writeReportFiles(dir: string, input: ReportDirInput): Promise<void> {
  await writeFileAtomic(join(dir, "timeline.csv"), renderCsv(TIMELINE_KEYS, input.timeline.buckets));
  await writeFileAtomic(join(dir, "timeline_events.csv"), renderCsv(EVENT_KEYS, input.timeline.events));
  const charts = await renderCharts(input.rows, input.timeline, {
    bucketS: input.ext.bucketS,
    maxTimelines: DEFAULT_MAX_TIMELINES,
  });
  for (const c of charts) {
    const base = join(dir, "charts", c.name);
    await writeFileAtomic(`${base}.vl.json`, JSON.stringify(c.spec, null, 2) + "\n");
    await writeFileAtomic(`${base}.svg`, c.svg);
    await writeFileAtomic(`${base}.png`, c.png);
  }
  await writeFileAtomic(join(dir, "report.html"), renderReportHtml({ ...input, charts }));
}

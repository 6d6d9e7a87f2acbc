/**
 * The per-scenario timeline chart (specs.ts has the summary charts). It reads the `timeline` dataset:
 * rows of three kinds (field `layer`): `bucket`, `outage` and `event`, each with `label` and `order`
 * naming the scenario panel.
 */
import type { TopLevelSpec } from "vega-lite";
import { config, SCHEMA } from "./look.js";
import { SPLIT_LINES } from "./wrap.js";

/** The timeline's two legends: filled areas (bars, outage bands) and lines (latency, event rules). */
export const TIMELINE_AREAS = ["Succeeded", "Failed", "Client outage"] as const;
const AREA_COLORS = ["#4c9a2a", "#d62728", "#f4b6b6"];
export const TIMELINE_LINES = [
  "p50 latency (right axis)",
  "Fault injected",
  "Container exit",
  "Container start",
  "Ready line",
] as const;
const LINE_COLORS = ["#3b3b98", "#000000", "#ff7f0e", "#1f77b4", "#9467bd"];
/** The fault is the one dashed rule; its legend symbol is dashed too. */
const FAULT_DASH = [6, 3];

export interface TimelineSpecOptions {
  /** Scenarios drawn and scenarios in total (the chart shows the worst ones when there are many). */
  shown: number;
  total: number;
  bucketS: number;
}

/**
 * Per-scenario timeline on the fault's clock: completions per bucket (succeeded/failed), client outage
 * bands, the fault and pod events as rules, and p50 latency of the successes on a second axis. Areas
 * use the `fill` scale and lines the `stroke` scale, so each legend draws its entries as the marks are
 * drawn (squares for areas, strokes for lines, the fault dashed). The time axis always includes 0 (the
 * fault), so 0 is a tick whatever the bucket width.
 */
export function timelineSpec(options: TimelineSpecOptions): TopLevelSpec {
  const subset =
    options.shown < options.total
      ? `the ${options.shown} of ${options.total} scenarios with the longest client outages; `
      : "";
  const perBucket = options.bucketS === 1 ? "per second" : `per ${options.bucketS} s`;
  const onlyLayer = (layer: string) => ({ filter: `datum.layer === '${layer}'` });
  const areas = {
    scale: { domain: [...TIMELINE_AREAS], range: AREA_COLORS },
    legend: { symbolType: "square" },
  };
  const lines = {
    scale: { domain: [...TIMELINE_LINES], range: LINE_COLORS },
    legend: {
      symbolType: "stroke",
      symbolStrokeWidth: 2,
      encode: {
        symbols: {
          update: {
            strokeDash: { signal: `datum.value === 'Fault injected' ? [${FAULT_DASH.join(", ")}] : [1, 0]` },
          },
        },
      },
    },
  };
  const time = { type: "quantitative", scale: { zero: true } } as const;
  return {
    $schema: SCHEMA,
    title: {
      text: "What clients saw around the fault",
      subtitle: `${subset}requests completed ${perBucket}; t = 0 is the fault (the ready time without one)`,
    },
    data: { name: "timeline" },
    facet: {
      field: "label",
      type: "nominal",
      title: null,
      sort: { field: "order", op: "min" },
      header: { labelFontWeight: "bold", labelAnchor: "start", labelExpr: SPLIT_LINES },
    },
    columns: 2,
    spec: {
      width: 420,
      height: 130,
      layer: [
        {
          transform: [onlyLayer("outage")],
          mark: { type: "rect", tooltip: true },
          encoding: {
            x: { field: "start_s", ...time },
            x2: { field: "end_s" },
            fill: { datum: "Client outage", ...areas },
          },
        },
        {
          transform: [
            onlyLayer("bucket"),
            { fold: ["successes", "failures"], as: ["outcome_key", "requests"] },
            {
              calculate: "datum.outcome_key === 'successes' ? 'Succeeded' : 'Failed'",
              as: "outcome",
            },
            {
              stack: "requests",
              groupby: ["label", "t_s"],
              sort: [{ field: "outcome", order: "descending" }],
              as: ["requests_from", "requests_to"],
            },
          ],
          mark: { type: "rect", tooltip: true },
          encoding: {
            x: { field: "t_s", ...time, title: "seconds since the fault" },
            x2: { field: "t_end_s" },
            y: { field: "requests_from", type: "quantitative", title: `requests ${perBucket}` },
            y2: { field: "requests_to" },
            fill: { field: "outcome", type: "nominal", ...areas },
          },
        },
        {
          transform: [onlyLayer("bucket")],
          mark: { type: "line", strokeWidth: 1.5, invalid: "break-paths-filter-domains" },
          encoding: {
            x: { field: "t_s", ...time },
            y: {
              field: "p50_s",
              type: "quantitative",
              title: "p50 latency (s)",
              axis: { orient: "right" },
              scale: { zero: true },
            },
            stroke: { datum: "p50 latency (right axis)", ...lines },
          },
        },
        {
          transform: [onlyLayer("event")],
          mark: { type: "rule", strokeWidth: 1.5, tooltip: true },
          encoding: {
            x: { field: "t_s", ...time },
            stroke: { field: "event", type: "nominal", ...lines },
            strokeDash: {
              field: "is_fault",
              type: "nominal",
              legend: null,
              scale: { domain: [true, false], range: [FAULT_DASH, [1, 0]] },
            },
            tooltip: [
              { field: "event", type: "nominal", title: "event" },
              { field: "t_s", type: "quantitative", title: "t (s)", format: ".2f" },
              { field: "detail", type: "nominal", title: "detail" },
            ],
          },
        },
      ],
      resolve: { scale: { y: "independent" } },
    },
    resolve: { scale: { y: "independent", fill: "shared", stroke: "shared" } },
    config: {
      ...config,
      legend: { ...config.legend, orient: "top", title: null, direction: "horizontal" },
    },
  };
}

/**
 * Vega-Lite specs of the report's charts, built from column names and types only: every spec reads
 * named datasets (`{name: …}`) whose rows are bound last (bind.ts). The same spec therefore serves 8
 * scenarios or 800, and a golden file pins each one (test/expected/charts/).
 *
 * Datasets:
 * - `summary`: one row per scenario with the JSON keys of docs/contract.md#json-keys plus `failure_order` and `order`
 *   (its row index in display order).
 * - `timeline`: rows of three kinds (field `layer`): `bucket` (t_s, t_end_s, successes, failures,
 *   p50_s), `outage` (start_s, end_s) and `event` (t_s, event, detail), each with `label` and `order`
 *   naming the scenario panel.
 */
import type { TopLevelSpec } from "vega-lite";

export const CHART_NAMES = ["recovery", "outcomes", "timeline", "latency"] as const;
export type ChartName = (typeof CHART_NAMES)[number];

/** Shared look: readable fonts, no clipped labels, a white background for the PNGs. */
const config = {
  font: "DejaVu Sans, Verdana, Helvetica, Arial, sans-serif",
  background: "white",
  padding: 12,
  title: { fontSize: 16, anchor: "start", subtitleFontSize: 12, subtitleColor: "#444", offset: 12 },
  axis: { labelFontSize: 11, titleFontSize: 12, labelLimit: 400 },
  header: { labelFontSize: 12, titleFontSize: 13, labelLimit: 400 },
  legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 260 },
  view: { stroke: "#ccc" },
} as const;

const SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";

/** Scenarios in display order: groups in natural order, failures in the reference order. */
const failureSort = { field: "failure_order", op: "min" } as const;
/** Scenarios in the order of the tables (`order`: row index in display order, bound with the data). */
const scenarioSort = { field: "order", op: "min" } as const;

/**
 * Recovery by failure across groups: the reference Recovery (last ready line), the failed component's own
 * ready line, and when clients recovered, side by side. Scenarios without a fault have no bar.
 */
export function recoverySpec(): TopLevelSpec {
  return {
    $schema: SCHEMA,
    title: {
      text: "Recovery after the fault, by failure across test groups",
      subtitle: "seconds from the fault; no bar: the figure is not available (e.g. clients never recovered)",
    },
    data: { name: "summary" },
    transform: [
      { filter: "datum.failure !== 'none'" },
      {
        fold: ["recovery_s", "component_ready_s", "recovered_s"],
        as: ["metric", "seconds"],
      },
      {
        calculate:
          "datum.metric === 'recovery_s' ? '1 · last ready line (Recovery)' : " +
          "datum.metric === 'component_ready_s' ? '2 · failed component ready' : '3 · clients recovered'",
        as: "measure",
      },
      // rows grouped by failure (reference order), test groups in display order inside
      { calculate: "datum.failure + ' · ' + datum.test_group", as: "scenario" },
      { calculate: "datum.failure_order * 100000 + datum.order", as: "by_failure" },
    ],
    facet: {
      column: { field: "measure", type: "nominal", title: null, header: { labelFontWeight: "bold" } },
    },
    spec: {
      width: 260,
      height: { step: 16 },
      encoding: {
        y: {
          field: "scenario",
          type: "nominal",
          sort: { field: "by_failure", op: "min" },
          title: null,
        },
      },
      layer: [
        {
          mark: { type: "bar", tooltip: true },
          encoding: {
            x: { field: "seconds", type: "quantitative", title: "seconds after the fault" },
            color: { field: "failure", type: "nominal", legend: null, scale: { scheme: "tableau20" } },
          },
        },
        {
          mark: { type: "text", align: "left", dx: 3, fontSize: 10 },
          encoding: {
            x: { field: "seconds", type: "quantitative" },
            text: { field: "seconds", type: "quantitative", format: ".1f" },
          },
        },
      ],
    },
    resolve: { scale: { x: "shared" } },
    config,
  };
}

/** Successful and failed requests before vs after the fault, one panel row per test group. */
export function outcomesSpec(): TopLevelSpec {
  return {
    $schema: SCHEMA,
    title: {
      text: "Requests before vs after the fault",
      subtitle:
        "completed attempts per scenario (the reference split: completed at or before the fault second)",
    },
    data: { name: "summary" },
    transform: [
      {
        fold: ["success_before", "failed_before", "success_after", "failed_after"],
        as: ["key", "requests"],
      },
      // no after window (no fault): an empty bar, so that both columns list the same failures
      { calculate: "datum.requests == null ? 0 : datum.requests", as: "requests" },
      {
        calculate: "indexof(datum.key, 'before') >= 0 ? 'Before the fault' : 'After the fault'",
        as: "phase",
      },
      { calculate: "indexof(datum.key, 'success') === 0 ? 'Succeeded' : 'Failed'", as: "outcome" },
    ],
    facet: {
      row: {
        field: "test_group",
        type: "nominal",
        title: null,
        header: { labelAngle: 0, labelAlign: "left", labelFontWeight: "bold" },
      },
      column: { field: "phase", type: "nominal", title: null, sort: ["Before the fault", "After the fault"] },
    },
    spec: {
      width: 300,
      height: { step: 18 },
      mark: { type: "bar", tooltip: true },
      encoding: {
        y: { field: "failure", type: "nominal", sort: failureSort, title: null },
        x: { field: "requests", type: "quantitative", stack: "zero", title: "requests" },
        color: {
          field: "outcome",
          type: "nominal",
          title: "Outcome",
          scale: { domain: ["Succeeded", "Failed"], range: ["#4c9a2a", "#d62728"] },
        },
        order: { field: "outcome", sort: "descending" },
      },
    },
    resolve: { scale: { y: "independent" } },
    config,
  };
}

/** Legend entries of the timeline, one colour scale for bars, bands, lines and event rules. */
export const TIMELINE_LEGEND = [
  "Succeeded",
  "Failed",
  "Client outage",
  "p50 latency (right axis)",
  "Fault injected",
  "Container exit",
  "Container start",
  "Ready line",
] as const;
const TIMELINE_COLORS = [
  "#4c9a2a",
  "#d62728",
  "#f7c6c6",
  "#3b3b98",
  "#000000",
  "#ff7f0e",
  "#1f77b4",
  "#9467bd",
];

export interface TimelineSpecOptions {
  /** Scenarios drawn and scenarios in total (the chart shows the worst ones when there are many). */
  shown: number;
  total: number;
  bucketS: number;
}

/**
 * Per-scenario timeline on the fault's clock: completions per bucket (succeeded/failed), client outage
 * bands, the fault and pod events as rules, and p50 latency of the successes on a second axis.
 */
export function timelineSpec(options: TimelineSpecOptions): TopLevelSpec {
  const subset =
    options.shown < options.total
      ? `the ${options.shown} of ${options.total} scenarios with the longest client outages; `
      : "";
  const perBucket = options.bucketS === 1 ? "per second" : `per ${options.bucketS} s`;
  const onlyLayer = (layer: string) => ({ filter: `datum.layer === '${layer}'` });
  // one colour scale (and legend) for every layer, in a fixed order
  const legend = { scale: { domain: [...TIMELINE_LEGEND], range: TIMELINE_COLORS } };
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
      header: { labelFontWeight: "bold", labelAnchor: "start" },
    },
    columns: 2,
    spec: {
      width: 420,
      height: 130,
      layer: [
        {
          transform: [onlyLayer("outage")],
          mark: { type: "rect", opacity: 0.45, tooltip: true },
          encoding: {
            x: { field: "start_s", type: "quantitative" },
            x2: { field: "end_s" },
            color: { datum: "Client outage" }, // the shared colour scale, fixed by the layers below
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
            x: { field: "t_s", type: "quantitative", title: "seconds since the fault" },
            x2: { field: "t_end_s" },
            y: { field: "requests_from", type: "quantitative", title: `requests ${perBucket}` },
            y2: { field: "requests_to" },
            color: { field: "outcome", type: "nominal", ...legend },
          },
        },
        {
          transform: [onlyLayer("bucket")],
          mark: { type: "line", strokeWidth: 1.5, invalid: "break-paths-filter-domains" },
          encoding: {
            x: { field: "t_s", type: "quantitative" },
            y: {
              field: "p50_s",
              type: "quantitative",
              title: "p50 latency (s)",
              axis: { orient: "right" },
              scale: { zero: true },
            },
            color: { datum: "p50 latency (right axis)" },
          },
        },
        {
          transform: [onlyLayer("event")],
          mark: { type: "rule", strokeWidth: 1.5, tooltip: true },
          encoding: {
            x: { field: "t_s", type: "quantitative" },
            color: { field: "event", type: "nominal", ...legend },
            strokeDash: {
              field: "is_fault",
              type: "nominal",
              legend: null,
              scale: {
                domain: [true, false],
                range: [
                  [6, 3],
                  [1, 0],
                ],
              },
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
    resolve: { scale: { y: "independent", color: "shared" } },
    config: {
      ...config,
      legend: { ...config.legend, orient: "top", title: null, columns: 4 },
    },
  };
}

/** Latency percentiles (p50, p90, p99 of successful requests) before and after the fault. */
export function latencySpec(): TopLevelSpec {
  const keys = ["p50_before_s", "p90_before_s", "p99_before_s", "p50_after_s", "p90_after_s", "p99_after_s"];
  const phase = "indexof(datum.key, 'before') >= 0 ? 'Before the fault' : 'After the fault'";
  return {
    $schema: SCHEMA,
    title: {
      text: "Latency percentiles of successful requests, before vs after the fault",
      subtitle: "the line spans p50 to p99; marks at p50 (circle), p90 (square) and p99 (triangle)",
    },
    data: { name: "summary" },
    transform: [
      { fold: keys, as: ["key", "seconds"] },
      { filter: "datum.seconds != null" },
      { calculate: phase, as: "phase" },
      { calculate: "slice(datum.key, 0, 3)", as: "percentile" },
      { calculate: "datum.test_group + ' / ' + datum.failure", as: "scenario" },
      // p50 ≤ p90 ≤ p99, so the smallest of a scenario's three values in a phase is its p50
      { joinaggregate: [{ op: "min", field: "seconds", as: "p50" }], groupby: ["scenario_dir", "phase"] },
    ],
    width: 480,
    height: { step: 12 },
    layer: [
      {
        // nulls are filtered above: no per-layer filter, so both layers read one data source
        mark: { type: "rule", strokeWidth: 2, invalid: "show" },
        encoding: {
          y: { field: "scenario", type: "nominal", sort: scenarioSort, title: null },
          yOffset: { field: "phase", type: "nominal", sort: ["Before the fault", "After the fault"] },
          // one rule from p50 to each percentile: together they span p50 → p99
          x: { field: "p50", type: "quantitative", scale: { zero: false }, title: "latency (s)" },
          x2: { field: "seconds" },
          color: {
            field: "phase",
            type: "nominal",
            title: "Phase",
            scale: { domain: ["Before the fault", "After the fault"], range: ["#1f77b4", "#d62728"] },
          },
        },
      },
      {
        mark: { type: "point", filled: true, size: 40, tooltip: true, invalid: "show" },
        encoding: {
          y: { field: "scenario", type: "nominal", sort: scenarioSort },
          yOffset: { field: "phase", type: "nominal", sort: ["Before the fault", "After the fault"] },
          x: { field: "seconds", type: "quantitative" },
          color: { field: "phase", type: "nominal" },
          shape: {
            field: "percentile",
            type: "nominal",
            title: "Percentile",
            scale: { domain: ["p50", "p90", "p99"], range: ["circle", "square", "triangle-up"] },
          },
        },
      },
    ],
    config,
  };
}

/**
 * Vega-Lite specs of the report's charts, built from column names and types plus a few facts about the
 * data (ChartFacts: how many runs, which failures): every spec reads named datasets (`{name: …}`) whose
 * rows are bound last (bind.ts). The same spec therefore serves 8 scenarios or 800, and a golden file
 * pins each one (test/expected/charts/).
 *
 * With more than one run, the summary charts aggregate per test group × failure: the bar (or mark) is
 * the mean over runs, a whisker spans min–max, and up to MAX_RUN_DOTS runs each get a dot; the subtitle
 * says so. Test groups are facets (one panel row each), failures the rows inside, each failure in its
 * fixed colour (failureColours.ts). Long names wrap (wrap.ts), and no chart is wider than MAX_WIDTH_PX.
 *
 * Datasets:
 * - `summary`: one row per scenario with the JSON keys of docs/contract.md#json-keys plus `failure_order`,
 *   `order` (its row index in display order), and `failure_label`/`group_label` (the names wrapped).
 * - `timeline`: rows of three kinds (field `layer`): `bucket` (t_s, t_end_s, successes, failures,
 *   p50_s), `outage` (start_s, end_s) and `event` (t_s, event, detail), each with `label` and `order`
 *   naming the scenario panel.
 */
import type { TopLevelSpec } from "vega-lite";
import { failureColourScale } from "../failureColours.js";
import { SPLIT_LINES } from "./wrap.js";
import { config, SCHEMA } from "./look.js";

// the timeline is its own file (timeline.ts); importers keep finding every spec here
export { timelineSpec, TIMELINE_AREAS, TIMELINE_LINES, type TimelineSpecOptions } from "./timeline.js";

export const CHART_NAMES = ["recovery", "outcomes", "timeline", "latency"] as const;
export type ChartName = (typeof CHART_NAMES)[number];

/** Widest chart we draw (CSS px of the SVG); the specs' widths are chosen to stay under it. */
export const MAX_WIDTH_PX = 1600;
/** Up to this many runs, each run is a dot next to the mean; beyond, dots would be a smear. */
export const MAX_RUN_DOTS = 10;

/** What a summary chart needs to know about its data besides column names. */
export interface ChartFacts {
  runs: number;
  /** Failure names in the data (any order): each gets its fixed colour. */
  failures: readonly string[];
}

/** Failures in the reference order inside a test group. */
const failureSort = { field: "failure_order", op: "min" } as const;
/** Test groups in the order of the tables (`order`: row index in display order, bound with the data). */
const groupSort = { field: "order", op: "min" } as const;

/** One panel row per test group, its (wrapped) name on the left. */
const groupRow = {
  field: "group_label",
  type: "nominal",
  title: null,
  sort: groupSort,
  header: { labelAngle: 0, labelAlign: "left", labelFontWeight: "bold", labelExpr: SPLIT_LINES },
} as const;

/** The failure axis: wrapped names in the reference order. */
const failureAxis = {
  field: "failure_label",
  type: "nominal",
  sort: failureSort,
  title: null,
  axis: { labelExpr: SPLIT_LINES },
} as const;

/** What the subtitle says about runs: nothing for one run, else how the marks aggregate them. */
export function runsNote(runs: number, what = "bar"): string {
  if (runs <= 1) return "";
  const dots = runs <= MAX_RUN_DOTS ? "; dots: each run" : "";
  return `${what}: mean of ${runs} runs, whisker: min–max${dots}`;
}

const joinNotes = (...notes: string[]) => notes.filter(Boolean).join(" · ");

/**
 * Every layer of a faceted chart reads the same rows (Vega-Lite sizes independent facet scales right
 * only then), so the figures over runs are computed up front for each row: `n` (runs with a value),
 * `share` (the value / n: the rows of one bar stack up to the mean), `lo`/`hi` (min–max) and `first`
 * (one row per bar, the one that draws its label and whisker; the others draw them transparent).
 */
function overRuns(value: string, groupby: readonly string[]) {
  return [
    {
      joinaggregate: [
        { op: "valid" as const, field: value, as: "n" },
        { op: "mean" as const, field: value, as: "mean" },
        { op: "min" as const, field: value, as: "lo" },
        { op: "max" as const, field: value, as: "hi" },
      ],
      groupby: [...groupby],
    },
    { calculate: `datum.${value} == null ? null : datum.${value} / datum.n`, as: "share" },
    {
      window: [{ op: "row_number" as const, as: "nth" }],
      groupby: [...groupby],
    },
    { calculate: "datum.nth === 1", as: "first" },
  ];
}

/** Marks drawn once per bar (label, whisker) are transparent on the other runs' rows. */
const onlyFirst = { opacity: { condition: { test: "datum.first", value: 1 }, value: 0 } } as const;

/**
 * Recovery by failure in each test group: the reference Recovery (last ready line), the failed
 * component's own ready line, and when clients recovered, side by side. Scenarios without a fault have
 * no bar.
 */
export function recoverySpec(facts: ChartFacts): TopLevelSpec {
  const many = facts.runs > 1;
  return {
    $schema: SCHEMA,
    title: {
      text: "Recovery after the fault, by test group and failure",
      subtitle: joinNotes(
        "seconds from the fault; no bar: the figure is not available (e.g. clients never recovered)",
        runsNote(facts.runs),
      ),
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
      ...overRuns("seconds", ["group_label", "failure_label", "measure"]),
    ],
    facet: {
      row: groupRow,
      column: { field: "measure", type: "nominal", title: null, header: { labelFontWeight: "bold" } },
    },
    spec: {
      width: 200,
      height: { step: 18 },
      encoding: { y: failureAxis },
      layer: [
        {
          mark: { type: "bar", tooltip: many ? false : true },
          encoding: {
            x: { field: "share", type: "quantitative", stack: "zero", title: "seconds after the fault" },
            color: {
              field: "failure",
              type: "nominal",
              legend: null,
              scale: failureColourScale(facts.failures),
            },
          },
        },
        ...(many
          ? [
              {
                mark: { type: "rule" as const, color: "#222" },
                encoding: {
                  x: { field: "lo", type: "quantitative" as const },
                  x2: { field: "hi" },
                  ...onlyFirst,
                },
              },
            ]
          : []),
        ...(many && facts.runs <= MAX_RUN_DOTS
          ? [
              {
                mark: { type: "tick" as const, color: "#222", thickness: 1.5, size: 10, tooltip: true },
                encoding: { x: { field: "seconds", type: "quantitative" as const } },
              },
            ]
          : []),
        {
          mark: { type: "text", align: "left", dx: 3, fontSize: 10 },
          encoding: {
            x: { field: many ? "hi" : "mean", type: "quantitative" },
            text: { field: "mean", type: "quantitative", format: ".1f" },
            ...onlyFirst,
          },
        },
      ],
    },
    resolve: { scale: { x: "shared", y: "independent" } },
    config,
  };
}

/** Successful and failed requests before vs after the fault, one panel row per test group. */
export function outcomesSpec(facts: ChartFacts): TopLevelSpec {
  const many = facts.runs > 1;
  const total = { field: "total", type: "quantitative" } as const;
  return {
    $schema: SCHEMA,
    title: {
      text: "Requests before vs after the fault",
      subtitle: joinNotes(
        `completed attempts ${many ? "per run" : "per scenario"} (the reference split: completed at or before the fault second)`,
        runsNote(facts.runs, "bars"),
      ),
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
      // all requests of a scenario in a phase (whisker and dots), then the figures over runs
      { joinaggregate: [{ op: "sum", field: "requests", as: "total" }], groupby: ["scenario_dir", "phase"] },
      ...overRuns("requests", ["group_label", "failure_label", "phase", "outcome"]),
      {
        joinaggregate: [
          { op: "min", field: "total", as: "total_lo" },
          { op: "max", field: "total", as: "total_hi" },
        ],
        groupby: ["group_label", "failure_label", "phase"],
      },
    ],
    facet: {
      row: groupRow,
      column: { field: "phase", type: "nominal", title: null, sort: ["Before the fault", "After the fault"] },
    },
    spec: {
      width: 300,
      height: { step: 18 },
      encoding: { y: failureAxis },
      layer: [
        {
          mark: { type: "bar", tooltip: many ? false : true },
          encoding: {
            x: {
              field: "share",
              type: "quantitative",
              stack: "zero",
              title: many ? "requests (mean per run)" : "requests",
            },
            color: {
              field: "outcome",
              type: "nominal",
              title: "Outcome",
              scale: { domain: ["Succeeded", "Failed"], range: ["#4c9a2a", "#d62728"] },
            },
            order: { field: "outcome", sort: "descending" },
          },
        },
        ...(many
          ? [
              {
                mark: { type: "rule" as const, color: "#222" },
                encoding: {
                  x: { field: "total_lo", type: "quantitative" as const },
                  x2: { field: "total_hi" },
                  ...onlyFirst,
                },
              },
            ]
          : []),
        ...(many && facts.runs <= MAX_RUN_DOTS
          ? [
              {
                mark: { type: "tick" as const, color: "#222", thickness: 1.5, size: 10 },
                encoding: { x: total },
              },
            ]
          : []),
      ],
    },
    resolve: { scale: { y: "independent" } },
    config,
  };
}

/**
 * Latency percentiles (p50, p90, p99 of successful requests) before and after the fault, one panel row
 * per test group; with several runs each percentile is the mean over runs.
 */
export function latencySpec(facts: ChartFacts): TopLevelSpec {
  const keys = ["p50_before_s", "p90_before_s", "p99_before_s", "p50_after_s", "p90_after_s", "p99_after_s"];
  const phase = "indexof(datum.key, 'before') >= 0 ? 'Before the fault' : 'After the fault'";
  const phaseSort = ["Before the fault", "After the fault"];
  return {
    $schema: SCHEMA,
    title: {
      text: "Latency percentiles of successful requests, before vs after the fault",
      subtitle: joinNotes(
        "the line spans p50 to p99; marks at p50 (circle), p90 (square) and p99 (triangle)",
        facts.runs > 1 ? `each mark: mean of ${facts.runs} runs` : "",
      ),
    },
    data: { name: "summary" },
    transform: [
      { fold: keys, as: ["key", "seconds"] },
      { filter: "datum.seconds != null" },
      { calculate: phase, as: "phase" },
      { calculate: "slice(datum.key, 0, 3)", as: "percentile" },
      // one value per group × failure × phase × percentile: the mean over runs (the value itself for one)
      {
        aggregate: [
          { op: "mean", field: "seconds", as: "seconds" },
          { op: "min", field: "order", as: "order" },
          { op: "min", field: "failure_order", as: "failure_order" },
        ],
        groupby: ["group_label", "failure_label", "phase", "percentile"],
      },
      // p50 ≤ p90 ≤ p99, so the smallest of the three values in a phase is its p50
      {
        joinaggregate: [{ op: "min", field: "seconds", as: "p50" }],
        groupby: ["group_label", "failure_label", "phase"],
      },
    ],
    facet: { row: groupRow },
    spec: {
      width: 480,
      height: { step: 12 },
      encoding: {
        y: failureAxis,
        yOffset: { field: "phase", type: "nominal", sort: phaseSort },
      },
      layer: [
        {
          mark: { type: "rule", strokeWidth: 2, invalid: "show" },
          encoding: {
            // one rule from p50 to each percentile: together they span p50 → p99
            x: { field: "p50", type: "quantitative", scale: { zero: false }, title: "latency (s)" },
            x2: { field: "seconds" },
            color: {
              field: "phase",
              type: "nominal",
              title: "Phase",
              scale: { domain: phaseSort, range: ["#1f77b4", "#d62728"] },
            },
          },
        },
        {
          mark: { type: "point", filled: true, size: 40, tooltip: true, invalid: "show" },
          encoding: {
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
    },
    resolve: { scale: { y: "independent" } },
    config,
  };
}

/** A chart with nothing to draw says why instead of showing empty axes. */
export function emptySpec(title: string, reason: string): TopLevelSpec {
  return {
    $schema: SCHEMA,
    title: { text: title },
    data: { values: [{ reason }] },
    width: 480,
    height: 40,
    mark: { type: "text", fontSize: 14, color: "#444", align: "left", x: 0, y: 20 },
    encoding: { text: { field: "reason", type: "nominal" } },
    config: { ...config, view: { stroke: null } },
  };
}

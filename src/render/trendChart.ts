/**
 * The Vega-Lite spec of `ftparse trend --chart FILE`: a metric across runs, one line per test group
 * and failure. The spec is built from the metric's name only; the rows are bound last (`data.values`).
 */
import type { Row } from "../db.js";

export const VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";

export function trendChartSpec(metric: string): Record<string, unknown> {
  return {
    $schema: VEGA_LITE_SCHEMA,
    description: `${metric} across runs, per test group and failure (ftparse trend)`,
    title: `${metric} across runs`,
    width: 640,
    height: 320,
    data: { values: [] },
    transform: [{ calculate: "datum.test_group + ' / ' + datum.failure", as: "series" }],
    mark: { type: "line", point: true },
    encoding: {
      x: { field: "run_time", type: "temporal", title: "run (tests started)" },
      y: { field: "value", type: "quantitative", title: metric },
      color: { field: "series", type: "nominal", title: "group / failure" },
      tooltip: [
        { field: "run_id", type: "ordinal", title: "run" },
        { field: "run_name", type: "nominal", title: "name" },
        { field: "labels_text", type: "nominal", title: "labels" },
        { field: "series", type: "nominal" },
        { field: "value", type: "quantitative", title: metric, format: ".3~f" },
        { field: "delta", type: "quantitative", title: "change", format: "+.3~f" },
      ],
    },
  };
}

/** The spec with the trend rows bound (labels flattened to text for the tooltip). */
export function bindTrendData(spec: Record<string, unknown>, rows: readonly Row[]): Record<string, unknown> {
  const values = rows.map((r) => ({
    run_id: r.run_id,
    run_name: r.run_name,
    run_time: r.run_time,
    labels_text: Object.entries((r.labels ?? {}) as Record<string, unknown>)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(" "),
    test_group: r.test_group,
    failure: r.failure,
    value: r.value,
    delta: r.delta,
  }));
  return { ...spec, data: { values } };
}

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
      // dates with their year: trends span months and new years
      x: {
        field: "run_time",
        type: "temporal",
        title: "run (tests started)",
        axis: { format: "%Y-%m-%d %H:%M", labelAngle: -30, labelOverlap: true },
      },
      y: { field: "value", type: "quantitative", title: metric },
      // every legend entry in full, below the plot (long group / failure names are never cut)
      color: {
        field: "series",
        type: "nominal",
        title: "group / failure",
        legend: { orient: "bottom", columns: 2, labelLimit: 0, symbolLimit: 0 },
      },
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

/** The files `trend --chart FILE` writes, by extension (a `.json` file is the spec too). */
export const TREND_CHART_EXTENSIONS = [".vl.json", ".json", ".svg", ".png", ".html"] as const;

export function trendChartExtension(file: string): (typeof TREND_CHART_EXTENSIONS)[number] | undefined {
  const lower = file.toLowerCase();
  return TREND_CHART_EXTENSIONS.find((ext) => lower.endsWith(ext));
}

/** The chart as the file's extension says: Vega-Lite spec, SVG, PNG, or an HTML page with the SVG inline. */
export async function trendChartFile(
  spec: Record<string, unknown>,
  file: string,
): Promise<string | Uint8Array> {
  const ext = trendChartExtension(file);
  if (ext === ".vl.json" || ext === ".json" || ext === undefined) return JSON.stringify(spec, null, 2) + "\n";
  const { renderSvg, svgToPng } = await import("./charts/render.js");
  const { svg } = await renderSvg(spec as unknown as Parameters<typeof renderSvg>[0]);
  if (ext === ".svg") return svg;
  if (ext === ".png") return svgToPng(svg);
  const title = String(spec.title ?? "ftparse trend").replace(/[<&>]/g, (c) => `&#${c.charCodeAt(0)};`);
  return (
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${title}</title>` +
    `<style>body{font-family:sans-serif;margin:1rem}svg{max-width:100%;height:auto}</style></head>\n` +
    `<body>\n${svg}\n</body></html>\n`
  );
}

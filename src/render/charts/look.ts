/** The look every chart shares (specs.ts, timeline.ts). */
/** Shared look: readable fonts, wrapped (never cut) labels, a white background for the PNGs. */
export const config = {
  font: "DejaVu Sans, Verdana, Helvetica, Arial, sans-serif",
  background: "white",
  padding: 12,
  title: { fontSize: 16, anchor: "start", subtitleFontSize: 12, subtitleColor: "#444", offset: 12 },
  axis: { labelFontSize: 11, titleFontSize: 12, labelLimit: 0 },
  header: { labelFontSize: 12, titleFontSize: 13, labelLimit: 0 },
  legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 0 },
  view: { stroke: "#ccc" },
} as const;

export const SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";

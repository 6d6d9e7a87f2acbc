/**
 * Vega-Lite → Vega → SVG (headless, no browser) → PNG (resvg). Text in PNGs needs a font: resvg loads the
 * system fonts and uses DejaVu Sans for the generic families (Debian: fonts-dejavu-core).
 */
import { Resvg, type ResvgRenderOptions } from "@resvg/resvg-js";
import * as vega from "vega";
import * as vl from "vega-lite";
import type { TopLevelSpec } from "vega-lite";

export interface CompiledChart {
  vega: vega.Spec;
  /** Vega-Lite compiler warnings (none expected: tests assert it). */
  warnings: string[];
}

export function compileChart(spec: TopLevelSpec): CompiledChart {
  const warnings: string[] = [];
  const record = (...args: unknown[]) => void warnings.push(args.map(String).join(" "));
  const logger: vega.LoggerInterface = {
    level: () => vega.Warn,
    error(...args: unknown[]) {
      record(...args);
      return this;
    },
    warn(...args: unknown[]) {
      record(...args);
      return this;
    },
    info() {
      return this;
    },
    debug() {
      return this;
    },
  };
  const out = vl.compile(spec, { logger });
  return { vega: out.spec, warnings };
}

/** Render a bound Vega-Lite spec to SVG text. */
export async function renderSvg(spec: TopLevelSpec): Promise<{ svg: string; warnings: string[] }> {
  const compiled = compileChart(spec);
  const view = new vega.View(vega.parse(compiled.vega), { renderer: "none" });
  try {
    const svg = await view.toSVG();
    return { svg, warnings: compiled.warnings };
  } finally {
    view.finalize();
  }
}

/** Largest PNG edge we produce: tall faceted charts are rendered at 1x instead of 2x beyond it. */
const MAX_PNG_EDGE = 8000;

export function svgToPng(svg: string): Uint8Array {
  const height = Number(/height="([\d.]+)"/.exec(svg)?.[1] ?? 0);
  const width = Number(/width="([\d.]+)"/.exec(svg)?.[1] ?? 0);
  const zoom = Math.max(1, Math.min(2, MAX_PNG_EDGE / Math.max(height, width, 1)));
  return new Resvg(svg, resvgOptions(zoom)).render().asPng();
}

/** resvg settings: white background, system fonts with DejaVu Sans for the generic families. */
export function resvgOptions(zoom: number): ResvgRenderOptions {
  return {
    background: "white",
    fitTo: { mode: "zoom", value: zoom },
    font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans", sansSerifFamily: "DejaVu Sans" },
  };
}

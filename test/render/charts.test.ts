/**
 * Chart specs (src/render/charts/specs.ts): each one validates against the Vega-Lite schema, compiles
 * with no warning, is not mutated by binding data, and matches its golden file under
 * test/expected/charts/ (test/golden.ts: a missing or different golden file fails and writes
 * `<name>-changed.vl.json` next to it). Then the charts of the samples render to SVG and PNG with text.
 */
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { describe, it } from "node:test";
import { Resvg } from "@resvg/resvg-js";
import { Ajv } from "ajv";
import type { TopLevelSpec } from "vega-lite";
import { bindData, summaryDataset } from "../../src/render/charts/bind.js";
import { compileChart, renderSvg, resvgOptions, svgToPng } from "../../src/render/charts/render.js";
import {
  CHART_NAMES,
  latencySpec,
  outcomesSpec,
  recoverySpec,
  timelineSpec,
  type ChartName,
} from "../../src/render/charts/specs.js";
import { assertGolden } from "../golden.js";

/** The failures of fixtures/samples/legacy plus one the suite does not define (a hashed colour). */
const FAILURES = ["none", "frontend", "frontend_pod", "decode_worker", "custom_chaos"];
/** Goldens at 1 run (no aggregation), 8 runs (dots per run) and 100 runs (no dots). */
const RUNS = [1, 8, 100] as const;

const specs: Record<ChartName, (runs: number) => TopLevelSpec> = {
  recovery: (runs) => recoverySpec({ runs, failures: FAILURES }),
  outcomes: (runs) => outcomesSpec({ runs, failures: FAILURES }),
  timeline: () => timelineSpec({ shown: 8, total: 8, bucketS: 1 }),
  latency: (runs) => latencySpec({ runs, failures: FAILURES }),
};

const require = createRequire(import.meta.url);
const validate = new Ajv({ allErrors: true, strict: false }).compile(
  require("vega-lite/vega-lite-schema.json") as object,
);

/**
 * Vega-Lite warns about any layered facet with independent scales that it assumes its layers read one
 * data source; ours do (specs.ts: every layer reads the same rows, the figures over runs computed up
 * front), so that one warning is expected and every other one fails.
 */
const unexpected = (warnings: string[]) =>
  warnings.filter((w) => !w.includes("Detected faceted independent scales that union domain"));

/**
 * The spec as Vega-Lite's JSON schema can judge it. Two things the compiler honours (the compile test
 * below checks it gives no warning) are missing from the schema: a scale and a legend on a `datum`
 * colour channel (the timeline's constant-colour layers, which share the legend) and a legend's `encode` block (the dashed swatch of the fault
 * rule). Those two are left out of the copy that is validated; everything else is checked as written.
 */
function schemaView(spec: TopLevelSpec): unknown {
  const walk = (o: unknown): unknown => {
    if (Array.isArray(o)) return o.map(walk);
    if (!o || typeof o !== "object") return o;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o as Record<string, unknown>)) out[k] = walk(v);
    if ("datum" in out) {
      delete out.legend;
      delete out.scale;
    }
    if (out.legend && typeof out.legend === "object") delete (out.legend as Record<string, unknown>).encode;
    return out;
  };
  return walk(spec);
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === "object") {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

describe("chart specs", () => {
  for (const name of CHART_NAMES) {
    for (const runs of name === "timeline" ? [1] : RUNS) {
      const golden = name === "timeline" ? name : `${name}-${runs}-run${runs > 1 ? "s" : ""}`;
      describe(`${name}Spec() at ${runs} run(s)`, () => {
        it("validates against the Vega-Lite schema", () => {
          const ok = validate(schemaView(specs[name](runs)));
          assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 3), null, 2));
        });

        it("compiles without warnings, bound or not, and binding does not mutate it", () => {
          const spec = deepFreeze(specs[name](runs));
          const before = JSON.stringify(spec);
          const bound = bindData(spec, { summary: [], timeline: [] });
          assert.equal(JSON.stringify(spec), before);
          assert.deepEqual(unexpected(compileChart(spec).warnings), []);
          assert.deepEqual(unexpected(compileChart(bound).warnings), []);
        });

        it("matches its golden file", () => {
          assertGolden(`charts/${golden}.vl.json`, JSON.stringify(specs[name](runs), null, 2) + "\n");
        });
      });
    }
  }
});

describe("renderSvg(spec) and svgToPng(svg)", () => {
  it("draws a bound chart with its title, axis units and data", async () => {
    const rows = [
      {
        order: 0,
        test_group: "agg-tp-1-dp-1",
        failure: "frontend",
        failure_order: 2,
        recovery_s: 3.6,
        recovered_s: 49,
        component_ready_s: 3.6,
      },
      {
        order: 1,
        test_group: "agg-tp-1-dp-2",
        failure: "frontend",
        failure_order: 2,
        recovery_s: 4,
        recovered_s: 3,
        component_ready_s: 4,
      },
    ];
    const bound = summaryDataset(rows);
    const { svg, warnings } = await renderSvg(
      bindData(recoverySpec({ runs: 1, failures: ["frontend"] }), { summary: bound }),
    );
    assert.deepEqual(unexpected(warnings), []);
    assert.match(svg, /Recovery after the fault/);
    assert.match(svg, /seconds after the fault/);
    assert.match(svg, />agg-tp-1-dp-2</); // a test group is a facet row, the failure a label in it
    assert.match(svg, />frontend</);
    assert.match(svg, />49\.0</);
    const png = svgToPng(svg);
    assert.deepEqual([...png.subarray(1, 4)], [0x50, 0x4e, 0x47]); // "PNG"
  });

  it("renders text in PNGs (a system font is found)", () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><text x="4" y="28" font-family="sans-serif" font-size="20">seconds</text></svg>';
    const image = new Resvg(svg, resvgOptions(1)).render();
    let dark = 0;
    for (let i = 0; i < image.pixels.length; i += 4) if (image.pixels[i]! < 128) dark++;
    assert.ok(dark > 100, `only ${dark} dark pixels: no font? (Debian: apt-get install fonts-dejavu-core)`);
  });
});

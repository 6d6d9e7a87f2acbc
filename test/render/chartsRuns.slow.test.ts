/**
 * Charts at 1, 8 and 100 runs (src/render/charts/): `--out` over 1 and 8 copies of
 * fixtures/samples/legacy writes charts that aggregate over runs and say so, facet by test group, give
 * each failure its one colour (also in report.html), keep names whole and stay within 1,600 px; 100
 * runs (the real rows of the fixture, one copy per run name) drop the per-run dots; a chart with
 * nothing to draw says why. The failure palette covers every failure the suite defines.
 */
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { Db } from "../../src/db.js";
import { chartSpecs } from "../../src/render/charts/index.js";
import { renderSvg } from "../../src/render/charts/render.js";
import { MAX_WIDTH_PX } from "../../src/render/charts/specs.js";
import { LABEL_WIDTH, wrapLabel } from "../../src/render/charts/wrap.js";
import { failureColour, KNOWN_FAILURE_COLOURS } from "../../src/render/failureColours.js";
import { fixture, runCli, runJson } from "../helpers.js";

const legacy = fixture("samples", "legacy");
const noTimeline = { buckets: [], events: [], outages: [] };
const svgWidth = (svg: string) => Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(svg)?.[1]);

let tmp: string;
const runsDirs: string[] = [];
before(() => {
  tmp = mkdtempSync(join(tmpdir(), "ftparse-charts-"));
  for (let i = 0; i < 8; i++) {
    const dir = join(tmp, `run_00${i}`);
    cpSync(legacy, dir, { recursive: true });
    runsDirs.push(dir);
  }
});
after(() => rmSync(tmp, { recursive: true, force: true }));

async function outCharts(dirs: readonly string[], name: string): Promise<Record<string, string>> {
  const out = join(tmp, name);
  const r = await runCli([...dirs, "--out", out, "--format", "json"]);
  assert.equal(r.code, 0, r.stderr);
  const read = (f: string) => readFileSync(join(out, f), "utf8");
  return {
    recovery: read("charts/recovery.svg"),
    outcomes: read("charts/outcomes.svg"),
    timeline: read("charts/timeline.svg"),
    latency: read("charts/latency.svg"),
    html: read("report.html"),
  };
}

describe("charts at 1 and 8 runs (ftparse DIR… --out)", () => {
  it("one run: no aggregation note, groups as facets, failures in their colours, titles without ids", async () => {
    const c = await outCharts(runsDirs.slice(0, 1), "one");
    for (const name of ["recovery", "outcomes", "timeline", "latency"]) {
      assert.ok(svgWidth(c[name]!) <= MAX_WIDTH_PX, `${name} is ${svgWidth(c[name]!)} px wide`);
      assert.doesNotMatch(c[name]!, /mean of/);
    }
    // facets by group: the group is a header, the failure an axis label, never "failure · group"
    assert.match(c.recovery!, />disagg-tp-1-dp-1</);
    assert.doesNotMatch(c.recovery!, /frontend · agg/);
    assert.match(c.recovery!, new RegExp(`fill="${failureColour("vllm_decode_engine_core")}"`));
    assert.match(c.recovery!, new RegExp(`fill="${failureColour("decode_worker_pod")}"`));
    assert.match(c.timeline!, />agg-tp-1-dp-2 \/ vllm_decode_engine_core</);
    assert.doesNotMatch(c.timeline!, /\(#\d+\)/);
    // the dashed fault rule has a dashed legend symbol, not a grey square
    assert.match(c.timeline!, /Fault injected/);
    assert.match(c.timeline!, /stroke-dasharray="6,3"/);
    // report.html shows each failure with the colour it has in the charts
    assert.match(c.html!, new RegExp(`class="swatch" style="background:${failureColour("frontend")}"`));
  });

  it("eight runs: bars are means with min–max whiskers and a dot per run, and the subtitle says so", async () => {
    const c = await outCharts(runsDirs, "eight");
    for (const name of ["recovery", "outcomes", "timeline", "latency"]) {
      assert.ok(svgWidth(c[name]!) <= MAX_WIDTH_PX, `${name} is ${svgWidth(c[name]!)} px wide`);
    }
    assert.match(c.recovery!, /bar: mean of 8 runs, whisker: min–max; dots: each run/);
    assert.match(c.outcomes!, /bars: mean of 8 runs/);
    assert.match(c.latency!, /each mark: mean of 8 runs/);
    // identical runs: the mean is the single run's figure (frontend in agg-tp-1-dp-1 recovers in 3.6 s)
    assert.match(c.recovery!, />3\.6</);
    // timeline titles name the run
    assert.match(c.timeline!, />run_00\d · /);
  });
});

describe("charts at 100 runs (chartSpecs over the fixture's rows, one copy per run)", () => {
  it("drops the per-run dots, stays within 1,600 px, and an empty chart says why", async () => {
    const { rows } = await runJson([legacy]);
    assert.ok(rows.length > 0);
    const many = Array.from({ length: 100 }, (_, i) =>
      rows.map((r) => ({ ...r, run: `run_${String(i).padStart(3, "0")}` })),
    ).flat();
    const specs = chartSpecs(many, noTimeline, { bucketS: 1, maxTimelines: 24 });
    const recovery = specs.find((s) => s.name === "recovery")!;
    const svg = (await renderSvg(recovery.spec)).svg;
    assert.match(svg, /bar: mean of 100 runs, whisker: min–max/);
    assert.doesNotMatch(svg, /dots: each run/);
    assert.ok(svgWidth(svg) <= MAX_WIDTH_PX);
    const timeline = specs.find((s) => s.name === "timeline")!;
    assert.match((await renderSvg(timeline.spec)).svg, /no request or event in the time window/);

    const noFault = chartSpecs(
      rows.filter((r) => r.failure === "none"),
      noTimeline,
      { bucketS: 1, maxTimelines: 24 },
    );
    const empty = (await renderSvg(noFault.find((s) => s.name === "recovery")!.spec)).svg;
    assert.match(empty, /no fault in these scenarios/);
  });
});

describe("failure colours and label wrapping", () => {
  it("every failure the suite defines has its own colour; other names a stable hashed one", async () => {
    const db = await Db.open();
    try {
      await db.exec("reference_data");
      const names = (await db.sql("SELECT name FROM known_failures ORDER BY ord")).map((r) => String(r.name));
      assert.deepEqual(Object.keys(KNOWN_FAILURE_COLOURS).sort(), [...names].sort());
      assert.equal(new Set(names.map(failureColour)).size, names.length);
    } finally {
      db.close();
    }
    assert.equal(failureColour("custom_chaos"), failureColour("custom_chaos"));
    assert.ok(!Object.values(KNOWN_FAILURE_COLOURS).includes(failureColour("custom_chaos")));
  });

  it("wraps long names at _ - / or spaces and never drops a character", () => {
    const name = "disagg-prefill-tp-2-decode-tp-2-dp-1 / sglang_prefill_detokenizer_with_a_long_suffix";
    const wrapped = wrapLabel(name);
    assert.equal(wrapped.replace(/\s/g, ""), name.replace(/\s/g, ""));
    for (const line of wrapped.split("\n")) assert.ok(line.length <= LABEL_WIDTH, line);
    assert.equal(wrapLabel("frontend"), "frontend");
    assert.equal(wrapLabel("x".repeat(30)), `${"x".repeat(24)}\n${"x".repeat(6)}`);
  });
});

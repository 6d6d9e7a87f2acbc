/**
 * discover(paths): layout detection in the order of docs/layouts/index.md#detection-order, every sub-variant, mixed
 * layouts, and names with glob characters (brackets are literal).
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";
import { discover } from "../src/discover.js";
import { Warnings } from "../src/messages.js";
import { runJson } from "./helpers.js";

let root: string;
const touch = (path: string, text = "") => {
  const file = join(root, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
};
const record = (startS: number, latencyMs: number) =>
  JSON.stringify({
    metadata: {
      request_start_ns: startS * 1e9,
      request_end_ns: startS * 1e9 + latencyMs * 1e6,
      was_cancelled: false,
    },
    metrics: { request_latency: { value: latencyMs, unit: "ms" } },
    error: null,
  }) + "\n";

describe("discover(paths)", () => {
  before(() => {
    root = mkdtempSync(join(tmpdir(), "ftparse-discover-"));
    touch("g0/test_fault_scenario[agg-tp-1-dp-1-none]/client_0.log.txt");
    touch(
      "g1/test_fault_scenario[vllm-agg-tp-1-dp-1-none]/client_0/attempt_0/profile_export_aiperf.json",
      "{}",
    );
    touch("g1-crashed/test_fault_scenario[x-none]/client_0/attempt_0/genai_perf.log");
    touch("g1-csv/test_fault_scenario[y-none]/client_3/attempt_1/profile_export_aiperf.csv");
    // G0 and G1 side by side in one directory: AI-Perf, as Dynamo's parse_factory decides
    touch("g0g1/test_fault_scenario[z-none]/client_0.log.txt");
    touch("g0g1/test_fault_scenario[z-none]/client_0/attempt_0/profile_export_aiperf.json", "{}");
    touch("g2/flat/load/profile_export.jsonl");
    touch("g2/rung/load/load-morning-ramp-00ff00ff/profile_export.jsonl");
    touch("g2/old/load_results/profile_export_aiperf.json");
    touch("g2/bundle/load-c72-deadbeef/aiperf/profile_export_aiperf.json");
    touch("g2/report/fault_tolerance_report.json", "{}");
    // not scenarios: a client folder without AI-Perf output, a file named load
    touch("none/a/client_0/attempt_0/notes.txt");
    touch("none/b/load");
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it("classifies every layout and sub-variant by its markers", async () => {
    const found = await discover([root], new Warnings());
    const got = found.map((f) => [f.dir.slice(root.length + 1), f.layout]);
    assert.deepEqual(got, [
      ["g0/test_fault_scenario[agg-tp-1-dp-1-none]", "legacy"],
      ["g0g1/test_fault_scenario[z-none]", "aiperf"],
      ["g1-crashed/test_fault_scenario[x-none]", "aiperf"],
      ["g1-csv/test_fault_scenario[y-none]", "aiperf"],
      ["g1/test_fault_scenario[vllm-agg-tp-1-dp-1-none]", "aiperf"],
      ["g2/bundle", "events"],
      ["g2/flat", "events"],
      ["g2/old", "events"],
      ["g2/report", "events"],
      ["g2/rung", "events"],
    ]);
  });
});

describe("readers with glob characters in directory names", () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "ftparse-glob-"));
    // `load[1]` as a glob would match `load1`: the reader must take the name literally
    for (const [name, latency] of [
      ["t[1]", 100],
      ["t1", 900],
    ] as const) {
      const file = join(dir, name, "load", "profile_export.jsonl");
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, record(1_800_000_000, latency));
    }
    const star = join(dir, "t*?", "load", "profile_export.jsonl");
    mkdirSync(dirname(star), { recursive: true });
    writeFileSync(star, record(1_800_000_000, 300));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("reads each directory's own files", async () => {
    const { code, rows } = await runJson([dir]);
    assert.equal(code, 0);
    // one request each, with its own latency (a glob would read t1's file twice, t[1]'s never)
    const got = Object.fromEntries(rows.map((r) => [r.test_group, [r.success_before, r.latency_before_s]]));
    assert.deepEqual(got, { "t[1]": [1, 0.1], t1: [1, 0.9], "t*?": [1, 0.3] });
  });
});

/**
 * Broken AI-Perf files: not valid UTF-8 (reported by file and line), or holding the non-finite numbers
 * Python writes (NaN, -1e999): never an internal error.
 */
import assert from "node:assert/strict";
import {
  appendFileSync,
  cpSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fixture, runJson } from "../helpers.js";

const name = "test_fault_scenario[vllm-agg-tp-1-dp-1-frontend]";

describe("aiperf adapter: files with invalid UTF-8", () => {
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), "ftparse-aiperf-utf8-"));
    cpSync(fixture("samples", "aiperf", name), join(root, name), { recursive: true });
    const attempt = join(root, name, "client_0", "attempt_0");
    appendFileSync(join(attempt, "profile_export.jsonl"), Buffer.from([0xff, 0xfe, 0x20, 0x78, 0x0a]));
    appendFileSync(join(attempt, "profile_export_aiperf.json"), Buffer.from([0xff]));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it("keeps every readable record and names the bad line and file", async () => {
    const clean = await runJson([fixture("samples", "aiperf", name)]);
    const broken = await runJson([root]);
    assert.equal(broken.code, 0);
    for (const key of ["success_before", "failed_before", "success_after", "failed_after", "recovery_s"]) {
      assert.equal(broken.rows[0]![key], clean.rows[0]![key], key);
    }
    assert.match(broken.stderr, /attempt_0\/profile_export\.jsonl:101: invalid UTF-8 bytes/);
    assert.match(broken.stderr, /attempt_0\/profile_export\.jsonl:101: line skipped/);
    assert.match(
      broken.stderr,
      /attempt_0\/profile_export_aiperf\.json: AI-Perf summary is not a JSON object/,
    );
    assert.doesNotMatch(broken.stderr, /internal error/);
  });
});

describe("aiperf adapter: summaries with NaN and infinite numbers (--as dynamo)", () => {
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), "ftparse-aiperf-nonfinite-"));
    cpSync(fixture("samples", "aiperf", name), join(root, name), { recursive: true });
    for (const client of readdirSync(join(root, name)).filter((d) => d.startsWith("client_"))) {
      const file = join(root, name, client, "attempt_0", "profile_export_aiperf.json");
      let text: string;
      try {
        text = readFileSync(file, "utf8");
      } catch {
        continue;
      }
      // Python's json module writes NaN and reads -1e999 as -inf; DuckDB reads both.
      const p50 = client === "client_0" ? "NaN" : "-1e999";
      writeFileSync(file, text.replace(/("p50":\s*)[0-9.eE+-]+/g, `$1${p50}`));
    }
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it("shows a non-finite figure as missing and keeps every other one", async () => {
    const clean = await runJson([fixture("samples", "aiperf", name), "--as", "dynamo"]);
    const broken = await runJson([root, "--as", "dynamo"]);
    assert.equal(broken.code, 0, broken.stderr);
    assert.doesNotMatch(broken.stderr, /internal error/);
    const want = clean.rows[0]!.dynamo as Record<string, unknown>;
    const got = broken.rows[0]!.dynamo as Record<string, unknown>;
    assert.equal(typeof want.p50_latency_s, "number", "the clean sample has a p50");
    assert.equal(got.p50_latency_s, null);
    for (const key of ["total_requests", "successful_requests", "failed_requests", "mean_latency_s"]) {
      assert.equal(got[key], want[key], key);
    }
  });
});

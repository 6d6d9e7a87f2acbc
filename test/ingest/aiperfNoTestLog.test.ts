/**
 * An AI-Perf scenario copied as a CI artifact often holds only client_0/attempt_0's profile exports,
 * no test.log.txt: it reads (startup N/A, a warning naming the missing file), it does not crash.
 */
import assert from "node:assert/strict";
import { copyFile, mkdir, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fixture, rowOf, runCli } from "../helpers.js";

const SAMPLE = fixture(
  "samples",
  "aiperf",
  "test_fault_scenario[vllm-agg-tp-1-dp-1-frontend]",
  "client_0",
  "attempt_0",
);

async function artifact(files: string[]): Promise<{ tree: string; scenario: string }> {
  const tree = await mkdtemp(join(tmpdir(), "ftparse-aiperf-bare-"));
  const scenario = join(tree, "test_fault_scenario[vllm-agg-tp-1-dp-1-frontend]");
  const attempt = join(scenario, "client_0", "attempt_0");
  await mkdir(attempt, { recursive: true });
  for (const f of files) await copyFile(join(SAMPLE, f), join(attempt, f));
  return { tree, scenario };
}

describe("an AI-Perf scenario with only client_0/attempt_0 profile exports (no test.log.txt)", () => {
  it("reads with profile_export_aiperf.json + profile_export.jsonl: startup N/A and a warning, exit 0", async () => {
    const { tree, scenario } = await artifact(["profile_export_aiperf.json", "profile_export.jsonl"]);
    const r = await runCli([tree, "--format", "json"]);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /internal error|Catalog Error/);
    const row = rowOf(JSON.parse(r.stdout) as Record<string, unknown>[], "vllm-agg-tp-1-dp-1", "frontend");
    assert.equal(row.layout, "aiperf");
    assert.equal(row.startup_s, null);
    assert.ok(Number(row.success_before) + Number(row.failed_before) > 0);
    assert.ok(
      r.stderr.includes(`${join(scenario, "test.log.txt")}: no test.log.txt`),
      `warning naming the missing test log expected in:\n${r.stderr}`,
    );
  });

  it("with profile_export_aiperf.json only: no request to split, exit 2 saying so (no crash)", async () => {
    const { tree, scenario } = await artifact(["profile_export_aiperf.json"]);
    const r = await runCli([tree, "--format", "json"]);
    assert.equal(r.code, 2, r.stderr);
    assert.doesNotMatch(r.stderr, /internal error|Catalog Error/);
    assert.ok(r.stderr.includes(`${scenario}: no readable client request`), r.stderr);
    assert.ok(r.stderr.includes("has no profile_export.jsonl"), r.stderr);
  });
});

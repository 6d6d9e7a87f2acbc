/**
 * The early local suite (fixtures/early, written by fixtures/early/generate.mjs): `--as dynamo` prints
 * the numbers Dynamo's parser of that generation printed for the same folders. The pinned rows are that
 * parser's output (pandas 1.5.3, tabulate 0.8.9, `--format markdown`, run outside this repository on
 * fixtures/early/tree; docs/layouts/early-local.md).
 */
import assert from "node:assert/strict";
import { cpSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fixture, rowOf, runCli, runJson } from "../helpers.js";
import { tempDir } from "../history/helpers.js";
import { earlyCells } from "../../src/render/dynamo.js";

const tree = fixture("early", "tree");

/** The reference's printed rows, cells trimmed, per group in its order. */
const REFERENCE: Record<string, string[][]> = {
  "agg-tp-1-dp-2": [
    ["none", "58.00", "3.00", "0.00", "2.00", "N/A", "0.50", "N/A", "1.00", "N/A", "N/A"],
    ["frontend", "56.00", "3.00", "2.00", "1.80", "1.75", "0.00", "0.00", "0.00", "0.00", "17.25"],
    ["decode_worker", "57.00", "9.00", "4.00", "2.04", "2.27", "0.60", "2.00", "2.00", "2.00", "38.25"],
  ],
  "disagg-p-tp-1-dp-1-d-tp-1-dp-1": [
    ["prefill_worker", "81.00", "6.00", "3.00", "1.21", "1.30", "0.00", "1.00", "0.00", "0.00", "N/A"],
  ],
};
const COMMAND = (graph: string, config: string) =>
  `dynamo serve graphs.${graph}:Frontend -f /workspace/tests/fault_tolerance/configs/${config}.yaml --Frontend.port 8000 in /workspace/examples/llm`;

/** Groups of a markdown `--as dynamo` output: name, command, data rows (cells trimmed). */
function parseGroups(text: string): { group: string; command: string; rows: string[][] }[] {
  return text
    .split("\nTest Group: ")
    .slice(1)
    .map((block) => {
      const lines = block.split("\n");
      const command = lines.find((l) => l.startsWith("Test Command: "))!.slice("Test Command: ".length);
      const table = lines.filter((l) => l.startsWith("|"));
      const rows = table.slice(2).map((l) =>
        l
          .slice(1, -1)
          .split("|")
          .map((c) => c.trim()),
      );
      return { group: lines[0]!, command, rows };
    });
}

describe("early local suite: --as dynamo equals the reference parser", () => {
  it("prints the reference's groups, commands and rows", async () => {
    const r = await runCli([tree, "--tz", "UTC", "--as", "dynamo", "--format", "markdown"]);
    assert.equal(r.code, 0, r.stderr);
    const groups = parseGroups(r.stdout);
    assert.deepEqual(
      groups.map((g) => g.group),
      Object.keys(REFERENCE),
    );
    for (const g of groups) assert.deepEqual(g.rows, REFERENCE[g.group], g.group);
    assert.equal(groups[0]!.command, COMMAND("agg", "agg_tp_1_dp_2"));
    assert.equal(groups[1]!.command, COMMAND("disagg", "disagg_p_tp_1_dp_1_d_tp_1_dp_1"));
    assert.match(
      r.stdout,
      /\| Failure \| Startup Time \| Success \| Failed \| Latency Before \| Latency After \| Pending Before \| Pending After \| Violations Before \| Violations After \| Recovery Time \|/,
    );
  });

  it("gives the dynamo object's keys in JSON, recovery N/A without dynamo_<Service>/", async () => {
    const { code, rows } = await runJson([tree, "--tz", "UTC", "--as", "dynamo"]);
    assert.equal(code, 0);
    const dw = rowOf(rows, "agg-tp-1-dp-2", "decode_worker");
    assert.equal(dw.layout, "early");
    const d = dw.dynamo as Record<string, unknown>;
    for (const k of [
      "startup_s",
      "success",
      "failed",
      "latency_before_s",
      "latency_after_s",
      "pending_before",
      "pending_after",
      "violations_before",
      "violations_after",
      "recovery_s",
    ])
      assert.ok(k in d, k);
    assert.equal(d.startup_s, 57);
    assert.equal(d.success, 9);
    assert.equal(d.failed, 4);
    assert.equal(d.violations_before, 2);
    assert.equal(d.recovery_s, 38.25);
    const pw = rowOf(rows, "disagg-p-tp-1-dp-1-d-tp-1-dp-1", "prefill_worker").dynamo as Record<
      string,
      unknown
    >;
    assert.equal(pw.recovery_s, null, "copied without dynamo_PrefillWorker/");
    assert.equal(pw.pending_after, 1);
  });

  it("counts violations against --sla when given (default 2.1 s)", async () => {
    const { rows } = await runJson([tree, "--tz", "UTC", "--as", "dynamo", "--sla", "1.95"]);
    const d = rowOf(rows, "agg-tp-1-dp-2", "decode_worker").dynamo as Record<string, unknown>;
    // successes before F: 1.9, 2.3, 2.2, 2.0, 1.8 → three above 1.95; after: 2.5, 2.0, 3.0, 1.6 → three
    assert.equal(d.violations_before, 3);
    assert.equal(d.violations_after, 3);
  });
});

describe("early local suite: ftparse's own figures", () => {
  it("reads group and failure from the name, startup from the markers, no name warning", async () => {
    const { code, rows, stderr } = await runJson([tree, "--tz", "UTC", "--extended"]);
    assert.equal(code, 0);
    assert.doesNotMatch(stderr, /directory name is not/);
    assert.match(stderr, /decode_worker\]\/watcher\.log\.txt:8: watcher line skipped: a cut-off JSON record/);
    assert.deepEqual(rows.map((r) => `${String(r.test_group)}/${String(r.failure)}`).sort(), [
      "agg-tp-1-dp-2/decode_worker",
      "agg-tp-1-dp-2/frontend",
      "agg-tp-1-dp-2/none",
      "disagg-p-tp-1-dp-1-d-tp-1-dp-1/prefill_worker",
    ]);
    const dw = rowOf(rows, "agg-tp-1-dp-2", "decode_worker");
    assert.equal(dw.startup_s, 57);
    // the reference summary's split: 5 successes at or before F, 4 successes and 4 failures after
    assert.equal(dw.success_before, 5);
    assert.equal(dw.failed_before, 0);
    assert.equal(dw.success_after, 4);
    assert.equal(dw.failed_after, 4);
    // ftparse's Recovery: the latest start line after F in any process folder (VllmWorker:2 at F + 50.25 s)
    assert.equal(dw.recovery_s, 50.25);
    // the watcher's busy workers: before 0, 1, 0, 2, 0 → 0.6; after 3, 1 → 2
    assert.equal(dw.pending_before, 0.6);
    assert.equal(dw.pending_after, 2);
    const none = rowOf(rows, "agg-tp-1-dp-2", "none");
    assert.equal(none.pending_after, null);
  });
});

describe("early local suite: edges", () => {
  it("gives Recovery N/A for a decode_worker folder copied without dynamo_<Service>/ (the parser raised KeyError)", async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const name = "test_worker_failure[agg-tp-1-dp-2-decode_worker]";
      cpSync(join(tree, name), join(dir, name), { recursive: true });
      for (const p of ["dynamo_Frontend", "dynamo_Processor", "dynamo_VllmWorker"])
        rmSync(join(dir, name, p), { recursive: true });
      const { code, rows } = await runJson([dir, "--tz", "UTC", "--as", "dynamo"]);
      assert.equal(code, 0);
      const d = rows[0]!.dynamo as Record<string, unknown>;
      assert.equal(d.recovery_s, null);
      assert.equal(d.success, 9, "everything else as with the folders");
      assert.equal(rows[0]!.recovery_s, null);
    } finally {
      await cleanup();
    }
  });

  it("prints nan for a mean over a window without successes, N/A for an empty window", () => {
    const base = { startup_s: 1, success: 0, failed: 3, latency_before_s: null };
    assert.deepEqual(earlyCells("frontend", { ...base, latency_after_s: null, rows_after: 3 }).slice(4, 6), [
      "nan",
      "nan",
    ]);
    assert.deepEqual(earlyCells("none", { ...base, latency_after_s: null, rows_after: null }).slice(4, 6), [
      "nan",
      "N/A",
    ]);
  });
});

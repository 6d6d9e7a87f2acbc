/**
 * Event-harness reports with recorded `rows` (fixtures/recorded, written by its generate.mjs):
 * `--as dynamo` shows the rows as the harness recorded them, with a note; ftparse's own figures and its
 * recomputation (`computed_rows`) stay computed from the requests.
 */
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fixture, runCli, runJson } from "../helpers.js";
import { RECORDED_NOTE } from "../../src/render/dynamo.js";

const tree = fixture("recorded", "tree");
const reportFile = join(tree, "test_network_partition", "fault_tolerance_report.json");

describe("--as dynamo with recorded report rows", () => {
  it("equals the recorded rows (N/A as null), says so, and keeps the recomputation apart", async () => {
    const { code, rows } = await runJson([tree, "--as", "dynamo"]);
    assert.equal(code, 0);
    assert.equal(rows.length, 1);
    const d = rows[0]!.dynamo as Record<string, unknown>;
    assert.equal(d.rows_source, "recorded");
    const recorded = (JSON.parse(readFileSync(reportFile, "utf8")) as { rows: Record<string, unknown>[] })
      .rows;
    const want = recorded.map((r) =>
      Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === "N/A" ? null : v])),
    );
    assert.deepEqual(d.rows, want);
    const partition = (d.rows as Record<string, unknown>[])[1]!;
    assert.equal(partition.failure, "NetworkPartition(Frontend->VllmDecodeWorker)");
    assert.equal(partition.recovery_s, 20);
    // no artifact holds the partition's duration: ftparse's recomputation cannot know it
    const computed = (d.computed_rows as Record<string, unknown>[])[1]!;
    assert.equal(computed.recovery_s, null);
    assert.equal(computed.success_after, 2);
    assert.equal(computed.failed_after, 2);
  });

  it("prints the note line and the recorded recovery in tables", async () => {
    const table = await runCli([tree, "--as", "dynamo", "--format", "table"]);
    assert.ok(table.stdout.includes(RECORDED_NOTE));
    assert.match(table.stdout, /NetworkPartition\(Frontend->VllmDecodeWorker\) │\s+64\.20 │\s+20\.00 │/);
    const md = await runCli([tree, "--as", "dynamo", "--format", "markdown"]);
    assert.ok(md.stdout.includes(RECORDED_NOTE));
  });

  it("leaves ftparse's own figures computed from the requests", async () => {
    const { rows } = await runJson([tree]);
    assert.equal(rows[0]!.recovery_s, null);
    assert.equal(rows[0]!.startup_s, 64.2, "the harness's own startup, as before");
  });

  it("recomputes where a report has no rows (no report at all here)", async () => {
    const { rows } = await runJson([fixture("layouts", "mixed", "events"), "--as", "dynamo"]);
    const bundle = rows.find((r) => String(r.scenario_dir).endsWith("incident-bundle-2026-05-08"))!;
    const d = bundle.dynamo as Record<string, unknown>;
    assert.equal(d.rows_source, "computed");
    assert.deepEqual(d.rows, d.computed_rows);
  });

  it("warns and goes on when the report is not valid UTF-8 (read as bytes, not read_text)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ftparse-recorded-utf8-"));
    try {
      cpSync(tree, dir, { recursive: true });
      const bad = join(dir, "test_network_partition", "fault_tolerance_report.json");
      const bytes = readFileSync(bad);
      bytes[20] = 0xff;
      bytes[21] = 0x00;
      writeFileSync(bad, bytes);
      const r = await runCli([dir, "--format", "json"]);
      assert.equal(r.code, 0, r.stderr);
      const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
      assert.equal(rows.length, 1, "the scenario is still summarised from its requests");
      // Without the report there is no fault time: every request counts as before the fault.
      assert.equal(rows[0]!.success_before, 8);
      assert.equal(rows[0]!.success_after, null);
      assert.ok(r.stderr.includes(`warning: ${bad}:1: invalid UTF-8 bytes`), r.stderr);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

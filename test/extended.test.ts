/**
 * The figures beyond the reference (docs/metrics.md#extended) on fixtures/ext, whose outages, recovery and component
 * recovery are known by construction (fixtures/ext/README.md), and on the shared samples.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { openDatabase } from "../src/schema.js";
import { recordingEffects } from "../src/effects.js";
import { computeSummary } from "../src/metrics/rows.js";
import {
  createExtendedViews,
  EXTENDED_DEFAULTS,
  timelineData,
  type ExtendedParams,
} from "../src/metrics/views.js";
import { loadResults } from "../src/pipeline.js";
import { Warnings } from "../src/messages.js";
import { extendedJsonKeys, runJsonKeys, summaryJsonKeys } from "../src/metrics/catalog.js";
import { fixture, rowOf, runCli, runJson } from "./helpers.js";

const ext = fixture("ext", "results");

async function timelineOf(params: Partial<ExtendedParams> = {}) {
  const db = await openDatabase();
  try {
    const loaded = await loadResults(
      db,
      { paths: [ext], tz: "UTC" },
      recordingEffects(new Warnings()).effects,
    );
    await computeSummary(db, loaded.runIds, undefined);
    await createExtendedViews(db, { ...EXTENDED_DEFAULTS, ...params });
    return await timelineData(db, loaded.runIds);
  } finally {
    db.close();
  }
}

describe("summary_ext on fixtures/ext", () => {
  it("pins every figure of the decode_worker scenario", async () => {
    const { code, rows } = await runJson([ext]);
    assert.equal(code, 0);
    const r = rowOf(rows, "agg-tp-1-dp-1", "decode_worker");
    assert.deepEqual(
      {
        success_before: r.success_before,
        success_after: r.success_after,
        failed_after: r.failed_after,
        recovery_s: r.recovery_s,
        success_rate_before: r.success_rate_before,
        p50_before_s: r.p50_before_s,
        p99_before_s: r.p99_before_s,
        p50_after_s: r.p50_after_s,
        p99_after_s: r.p99_after_s,
        ttfs_s: r.ttfs_s,
        recovered_s: r.recovered_s,
        outage_count: r.outage_count,
        outage_longest_s: r.outage_longest_s,
        outage_total_s: r.outage_total_s,
        component_restart_s: r.component_restart_s,
        component_ready_s: r.component_ready_s,
        failed_component: r.failed_component,
        errors: r.errors,
      },
      {
        success_before: 32,
        success_after: 43,
        failed_after: 30,
        recovery_s: 41.5,
        success_rate_before: 1,
        p50_before_s: 1,
        p99_before_s: 3,
        p50_after_s: 2,
        p99_after_s: 2,
        ttfs_s: 0.5,
        recovered_s: 34,
        outage_count: 3,
        outage_longest_s: 10,
        outage_total_s: 17,
        component_restart_s: 4,
        component_ready_s: 40.25,
        failed_component: "VllmDecodeWorker",
        errors: { http_500: 20, connection_refused: 6, invalid_content: 3, read_timeout: 1 },
      },
    );
    assert.ok(Math.abs(Number(r.p90_before_s) - 2.8) < 1e-9, `p90_before_s ${r.p90_before_s}`);
    assert.ok(Math.abs(Number(r.success_rate_after) - 43 / 73) < 1e-12);
    assert.ok(Math.abs(Number(r.clients_hit_share) - 2 / 3) < 1e-12);
  });

  it("gives null client-visible figures without a fault", async () => {
    const { rows } = await runJson([ext]);
    const r = rowOf(rows, "agg-tp-1-dp-1", "none");
    for (const k of ["ttfs_s", "recovered_s", "outage_count", "outage_total_s", "clients_hit_share"]) {
      assert.equal(r[k], null, k);
    }
    assert.equal(r.success_rate_before, 1);
    assert.equal(r.success_rate_after, null);
    assert.deepEqual(r.errors, {});
  });

  it("honours --window and --recovered-ratio", async () => {
    // a 5-second window already holds right after the fault (k = 0…4 all succeed)
    const short = await runJson([ext, "--window", "5"]);
    assert.equal(rowOf(short.rows, "agg-tp-1-dp-1", "decode_worker").recovered_s, 0);
    // at ratio 0.5 the half-failed second 25 is good enough; the idle-bridged outage still ends at 34
    const lax = await runJson([ext, "--recovered-ratio", "0.5", "--window", "12"]);
    assert.equal(rowOf(lax.rows, "agg-tp-1-dp-1", "decode_worker").recovered_s, 34);
    const strict = await runJson([ext, "--window", "12"]);
    assert.equal(rowOf(strict.rows, "agg-tp-1-dp-1", "decode_worker").recovered_s, 34);
  });

  it("lists the JSON keys of docs/contract.md#json-keys in order, reference keys first", async () => {
    const { rows } = await runJson([ext]);
    assert.deepEqual(Object.keys(rows[0]!), [...summaryJsonKeys, ...extendedJsonKeys, ...runJsonKeys]);
  });

  it("rejects bad parameters as usage errors", async () => {
    for (const args of [
      ["--recovered-ratio", "1.5"],
      ["--recovered-ratio", "0"],
      ["--window", "2.5"],
      ["--window", "0"],
      ["--bucket", "0"],
      ["--bucket", "x"],
    ]) {
      const r = await runCli([ext, ...args]);
      assert.equal(r.code, 2, args.join(" "));
      assert.match(r.stderr, new RegExp(args[0]!));
    }
  });
});

describe("timeline on fixtures/ext", () => {
  it("counts completions per second on the fault's clock, with outages and events", async () => {
    const t = await timelineOf();
    const at = (s: number) => t.buckets.find((b) => b.scenario_id === 1 && b.t_s === s);
    assert.deepEqual([at(-10)?.successes, at(-10)?.failures, at(-10)?.p50_s], [3, 0, 3]);
    assert.deepEqual([at(5)?.successes, at(5)?.failures], [0, 2]);
    assert.deepEqual([at(25)?.successes, at(25)?.failures], [1, 1]);
    assert.deepEqual([at(32)?.successes, at(32)?.failures, at(32)?.p50_s], [0, 0, null]);
    assert.deepEqual(
      t.outages.filter((o) => o.scenario_id === 1).map((o) => [o.start_s, o.end_s]),
      [
        [5, 15],
        [20, 23],
        [30, 34],
      ],
    );
    const events = t.events
      .filter((e) => e.scenario_id === 1 && e.in_window === true)
      .map((e) => [e.kind, e.service ?? null, e.t_s]);
    assert.deepEqual(events, [
      ["fault", null, 0],
      ["container_exit", "VllmDecodeWorker", 1],
      ["container_start", "VllmDecodeWorker", 4],
      ["ready_line", "VllmDecodeWorker", 40.25],
    ]);
  });

  it("sums into --bucket sized buckets", async () => {
    const t = await timelineOf({ bucketS: 5 });
    const at = (s: number) => t.buckets.find((b) => b.scenario_id === 1 && b.t_s === s);
    assert.deepEqual([at(5)?.successes, at(5)?.failures, at(5)?.bucket_s], [0, 10, 5]);
    // [30, 35): three short replies of client 0, then both clients succeed at 34
    assert.deepEqual([at(30)?.successes, at(30)?.failures], [2, 3]);
  });
});

describe("summary_ext on fixtures/samples/legacy", () => {
  it("agrees with the reference columns and finds the failed component", async () => {
    const { rows } = await runJson([fixture("samples", "legacy")]);
    for (const r of rows) {
      const before = Number(r.success_before) + Number(r.failed_before);
      assert.ok(Math.abs(Number(r.success_rate_before) - Number(r.success_before) / before) < 1e-12);
    }
    const pod = rowOf(rows, "agg-tp-1-dp-1", "decode_worker_pod");
    // the replacement pod's container started 12 s after the fault; its ready line came at 76.01 s
    assert.equal(pod.failed_component, "VllmDecodeWorker");
    assert.equal(pod.component_restart_s, 12);
    assert.ok(Math.abs(Number(pod.component_ready_s) - 76.014889) < 1e-6);
    const fe = rowOf(rows, "agg-tp-1-dp-2", "frontend");
    assert.deepEqual([fe.outage_count, fe.failed_component, fe.component_restart_s], [0, "Frontend", 2]);
    const prefill = rowOf(rows, "disagg-tp-1-dp-1", "prefill_worker");
    assert.equal(prefill.failed_component, "VllmPrefillWorker");
  });

  it("keeps the reference table unchanged unless --extended is given", async () => {
    const plain = await runCli([fixture("samples", "legacy"), "--format", "table"]);
    assert.doesNotMatch(plain.stdout, /Client-visible recovery/);
    const extended = await runCli([fixture("samples", "legacy"), "--format", "table", "--extended"]);
    assert.match(extended.stdout, /Client-visible recovery[\s\S]*Latency percentiles[\s\S]*error class/);
    // the reference tables are the same lines in both outputs
    const reference = (s: string) => s.split("\n\n").filter((block) => block.includes("│ Startup │"));
    assert.deepEqual(reference(extended.stdout), reference(plain.stdout));
    const md = await runCli([fixture("samples", "legacy"), "--format", "markdown", "--extended"]);
    assert.match(md.stdout, /#### Client-visible recovery/);
  });
});

/**
 * The AI-Perf client layout (G1). The committed samples are the truth for `--as dynamo`: every value of
 * `result` and `derived` in expected-aiperf.json, per directory. The reference summary's numbers on the
 * same samples are pinned too (checked independently against the JSONL with a short Python script when
 * written: counted attempt = highest attempt with a summary JSON, split at the test log's fault second).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { computeDynamo, computeSummary } from "../../src/metrics/rows.js";
import { fixture, runCli, runJson } from "../helpers.js";
import { loadInto, type LoadedDb } from "./load.js";

interface Expected {
  tests: Record<
    string,
    {
      result: {
        num_clients: number;
        startup_time: number | null;
        recovery_time: number | null;
        metrics: Record<string, number | number[] | string>;
      };
      derived: Record<string, number>;
      aiperf_json_read: string[];
    }
  >;
}
const expected = JSON.parse(readFileSync(fixture("samples", "expected-aiperf.json"), "utf8")) as Expected;
const close = (a: unknown, b: number, what: string) =>
  assert.ok(
    typeof a === "number" && Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)),
    `${what}: ${a} vs ${b}`,
  );

describe("aiperf adapter on fixtures/samples/aiperf", () => {
  let t: LoadedDb;
  before(async () => {
    t = await loadInto([fixture("samples", "aiperf")]);
  });
  after(() => t.db.close());

  it("keeps every attempt and counts the one Dynamo reads", async () => {
    const rows = await t.q(
      `SELECT s.name, q.client, q.attempt, bool_and(q.counted) AS counted, count(*) AS n
       FROM requests q JOIN scenarios s USING (scenario_id)
       WHERE s.name LIKE '%decode_worker%' GROUP BY ALL ORDER BY q.client, q.attempt`,
    );
    assert.equal(rows.length, 20); // 21 attempt folders, one of them killed with an empty JSONL
    const counted = rows.filter((r) => r.counted).map((r) => `${r.client}/${r.attempt}`);
    const read = expected.tests[
      "test_fault_scenario[vllm-agg-tp-1-dp-1-decode_worker]"
    ]!.aiperf_json_read.map((p) => p.replace(/^.*client_(\d+)\/attempt_(\d+)\/.*$/, "$1/$2"));
    assert.deepEqual(counted, read);
    assert.ok(rows.every((r) => r.n === 100));
  });

  it("converts per-request records: epoch ns, ms → s, TTFT/ITL, tokens, error objects", async () => {
    const [first] = await t.q(
      `SELECT q.start_ts, q.end_ts, latency_s, ttft_s, itl_s, output_tokens, success, error, status_code
       FROM requests q JOIN scenarios s USING (scenario_id)
       WHERE s.name LIKE '%decode_worker%' AND client = '0' AND attempt = 0 AND line_no = 1`,
    );
    assert.equal(first!.start_ts, "2025-10-28T17:34:00.947Z");
    close(first!.latency_s, 0.476005231, "latency_s");
    close(first!.ttft_s, 0.030004932, "ttft_s");
    close(first!.itl_s, 0.004505053525252525, "itl_s");
    assert.equal(first!.output_tokens, 100);
    assert.equal(first!.success, true);
    assert.equal(first!.error, null);
    const [err] = await t.q(
      `SELECT success, status_code, error, latency_s FROM requests q JOIN scenarios s USING (scenario_id)
       WHERE s.name LIKE '%decode_worker%' AND client = '0' AND attempt = 0 AND line_no = 9`,
    );
    assert.equal(err!.success, false);
    assert.equal(err!.status_code, 500);
    assert.equal(err!.latency_s, null);
    assert.equal(JSON.parse(String(err!.error)).type, "Internal Server Error");
  });

  it("reproduces Dynamo's result and derived values for every directory (--as dynamo)", async () => {
    const summary = await computeSummary(t.db, t.runIds, undefined);
    const rows = await computeDynamo(t.db, t.runIds, summary);
    const perClient = await t.q(
      `SELECT s.name, a.latencies, a.p50s, a.p90s, a.p99s, a.ttfts, a.itls, a.throughputs
       FROM dynamo_aiperf a JOIN scenarios s USING (scenario_id)`,
    );
    assert.equal(rows.length, 3);
    for (const [name, want] of Object.entries(expected.tests)) {
      const row = rows.find((r) => r.scenario.name === name);
      assert.ok(row, name);
      const d = row.dynamo;
      assert.equal(d.num_clients, want.result.num_clients);
      assert.equal(d.startup_s, want.result.startup_time);
      if (want.result.recovery_time === null) assert.equal(d.recovery_s, null);
      else close(d.recovery_s, want.result.recovery_time, `${name} recovery`);
      for (const k of ["total_requests", "successful_requests", "failed_requests"]) {
        assert.equal(d[k], want.result.metrics[k], `${name} ${k}`);
      }
      for (const [k, v] of Object.entries(want.derived)) close(d[k], v, `${name} ${k}`);
      const lists = perClient.find((p) => p.name === name)!;
      const pairs: [string, string][] = [
        ["latencies", "latencies"],
        ["p50_latencies", "p50s"],
        ["p90_latencies", "p90s"],
        ["p99_latencies", "p99s"],
        ["ttft", "ttfts"],
        ["itl", "itls"],
        ["throughputs", "throughputs"],
      ];
      for (const [theirs, ours] of pairs) {
        const w = want.result.metrics[theirs] as number[];
        const g = lists[ours] as number[];
        assert.equal(g.length, w.length, `${name} ${theirs} length`);
        w.forEach((x, i) => close(g[i], x, `${name} ${theirs}[${i}]`));
      }
      assert.deepEqual(
        (d.summaries_read as string[]).map((f) => f.slice(f.indexOf("test_fault_scenario["))),
        want.aiperf_json_read,
      );
    }
  });

  it("prints Dynamo's AI-Perf table cell for cell (--as dynamo --format table)", async () => {
    const { code, stdout } = await runCli([
      fixture("samples", "aiperf"),
      "--as",
      "dynamo",
      "--format",
      "table",
    ]);
    assert.equal(code, 0);
    const ref = readFileSync(fixture("samples", "expected-aiperf.txt"), "utf8");
    const cells = (text: string) =>
      text
        .split("\n")
        .filter((l) => l.startsWith("│"))
        .map((l) =>
          l
            .split("│")
            .slice(1, -1)
            .map((c) => c.trim()),
        );
    assert.deepEqual(cells(stdout), cells(ref));
    assert.equal((stdout.match(/FAULT TOLERANCE TEST SUMMARY - AI-PERF/g) ?? []).length, 3);
  });

  it("gives the reference summary from the per-request records (pinned)", async () => {
    const { code, rows } = await runJson([fixture("samples", "aiperf")]);
    assert.equal(code, 0);
    const pinned: Record<string, (number | null)[]> = {
      frontend: [149, 70, 0, 316, 614, 0.5007169085285714, 0.5063954984367088, 7.18147],
      decode_worker: [163, 42, 0, 106, 852, 0.4944559975, 0.5052445525094338, 70.516986],
      frontend_pod: [161, 67, 0, 478, 455, 0.5011216517313434, 0.49930267532426736, 5.986245],
    };
    const keys = ["startup_s", "success_before", "failed_before", "success_after", "failed_after"];
    for (const [failure, want] of Object.entries(pinned)) {
      const r = rows.find((x) => x.failure === failure)!;
      assert.equal(r.layout, "aiperf");
      keys.forEach((k, i) => assert.equal(r[k], want[i], `${failure} ${k}`));
      close(r.latency_before_s, want[5]!, `${failure} latency_before_s`);
      close(r.latency_after_s, want[6]!, `${failure} latency_after_s`);
      close(r.recovery_s, want[7]!, `${failure} recovery_s`);
      // the counted records add up to Dynamo's own totals
      const total = Number(r.success_before) + Number(r.success_after);
      const [, want2] = Object.entries(expected.tests).find(([name]) => name.endsWith(`-${failure}]`))!;
      assert.equal(total, want2.result.metrics.successful_requests);
    }
  });
});

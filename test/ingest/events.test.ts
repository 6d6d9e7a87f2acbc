/**
 * The event-harness layout (G2) and the G1 schema-drift cases, on fixtures/layouts/mixed (written by
 * fixtures/layouts/generate.mjs; its README explains how each pinned number follows from the data).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { computeDynamo, computeSummary } from "../../src/metrics/rows.js";
import type { DynamoRow } from "../../src/metrics/rows.js";
import { fixture, runCli, runJson } from "../helpers.js";
import { loadInto, type LoadedDb } from "./load.js";

const mixed = fixture("layouts", "mixed");
const near = (a: unknown, b: number, what: string) =>
  assert.ok(typeof a === "number" && Math.abs(a - b) < 1e-9, `${what}: ${String(a)} vs ${b}`);

type Pinned = [
  string,
  string,
  string,
  number | null,
  number,
  number,
  number | null,
  number | null,
  number | null,
  number | null,
  number | null,
];
// test_group, failure, layout, startup, success/failed before, success/failed after, latency before/after, recovery
const SUMMARY: Pinned[] = [
  ["agg-tp-1-dp-1", "frontend", "legacy", 165, 2, 0, 1, 1, 0.5, 0.5, null],
  [
    "incident-bundle-2026-05-08",
    "NetworkPartition(Frontend->VllmDecodeWorker)",
    "events",
    null,
    5,
    0,
    0,
    3,
    0.25,
    null,
    4.5,
  ],
  ["sglang-agg-tp-1-dp-1", "decode_worker", "aiperf", 150, 14, 2, 21, 1, 11.9 / 14, 14.8 / 21, 25.5],
  [
    "test_endurance[u1-kv]",
    "TerminateProcess(VllmDecodeWorker)",
    "events",
    null,
    10,
    0,
    1,
    1,
    0.3,
    0.25,
    null,
  ],
  ["test_overload_baseline", "none", "events", null, 4, 2, null, null, 0.2, null, null],
  ["test_worker_kill_vllm", "DeletePod(VllmDecodeWorker)", "events", 81.03, 10, 0, 10, 5, 0.5, 0.5, 30],
];
const KEYS = [
  "startup_s",
  "success_before",
  "failed_before",
  "success_after",
  "failed_after",
  "latency_before_s",
  "latency_after_s",
  "recovery_s",
];

describe("ftparse over a folder holding legacy, AI-Perf and event-harness results", () => {
  it("prints every scenario of every layout in one invocation, with the reference numbers", async () => {
    const { code, rows } = await runJson([mixed]);
    assert.equal(code, 0);
    assert.equal(rows.length, SUMMARY.length);
    for (const [group, failure, layout, ...values] of SUMMARY) {
      const r = rows.find((x) => x.test_group === group);
      assert.ok(r, group);
      assert.equal(r.failure, failure);
      assert.equal(r.layout, layout);
      KEYS.forEach((k, i) => {
        const want = values[i]!;
        if (want === null) assert.equal(r[k], null, `${group} ${k}`);
        else near(r[k], want, `${group} ${k}`);
      });
    }
  });

  it("warns about every skipped input with file and line", async () => {
    const { stderr } = await runCli([mixed, "--format", "json"]);
    for (const re of [
      /test_endurance\[u1-kv\]\/load\/profile_export\.jsonl:14: line skipped: not a request record/,
      /load_results\/profile_export\.jsonl:7: line skipped: a metric has a unit ftparse does not know/,
      /client_4\/attempt_0\/profile_export_aiperf\.json: AI-Perf summary is not a JSON object/,
      /client_6\/attempt_final: attempt folder skipped/,
      /decode_worker\]: 1 legacy client log \(client_N\.log\.txt\) ignored/,
      /client_2\/attempt_0: the attempt Dynamo reads has no profile_export\.jsonl/,
      /server_metrics_export\.jsonl: 1 server-metrics line\(s\) skipped/,
      /test_overload_baseline\/test\.log\.txt: no test\.log\.txt/,
    ]) {
      assert.match(stderr, re);
    }
  });
});

describe("event-harness adapter", () => {
  let t: LoadedDb;
  before(async () => {
    t = await loadInto([mixed]);
  });
  after(() => t.db.close());

  it("detects every sub-variant", async () => {
    const rows = await t.q(`SELECT name, layout, layout_variant FROM scenarios ORDER BY name`);
    assert.deepEqual(
      rows.map((r) => [r.name, r.layout, r.layout_variant]),
      [
        ["incident-bundle-2026-05-08", "events", "bundle"],
        ["test_endurance[u1-kv]", "events", "flat"],
        ["test_fault_scenario[agg-tp-1-dp-1-frontend]", "legacy", null],
        ["test_fault_scenario[sglang-agg-tp-1-dp-1-decode_worker]", "aiperf", "client_attempts"],
        ["test_overload_baseline", "events", "load_results"],
        ["test_worker_kill_vllm", "events", "per_rung"],
      ],
    );
  });

  it("takes F, its target and the startup from fault_tolerance_report.json", async () => {
    const [s] = await t.q(
      `SELECT fault_ts, fault_target, startup_reported_s FROM scenarios WHERE name = 'test_worker_kill_vllm'`,
    );
    assert.equal(s!.fault_ts, "2026-05-05T18:02:30.200Z");
    assert.equal(s!.fault_target, "VllmDecodeWorker");
    assert.equal(s!.startup_reported_s, 81.03);
    const events = await t.q(
      `SELECT h.seq, h.type FROM harness_events h JOIN scenarios s USING (scenario_id)
       WHERE s.name = 'test_worker_kill_vllm' ORDER BY seq`,
    );
    assert.deepEqual(
      events.map((e) => e.type),
      [
        "StartLoad",
        "DeletePod",
        "StallProcess",
        "TerminateProcess",
        "WaitForRecovery",
        "StartLoad",
        "WaitForLoadCompletion",
      ],
    );
    const timeline = await t.q(
      `SELECT kind, count(*) AS n FROM events e JOIN scenarios s USING (scenario_id)
       WHERE s.name = 'test_worker_kill_vllm' GROUP BY kind ORDER BY kind`,
    );
    assert.deepEqual(Object.fromEntries(timeline.map((r) => [r.kind, r.n])), {
      container_exit: 1,
      container_log_start: 4,
      container_start: 4,
      fault: 2,
      harness_event: 5,
      ready_line: 4,
      recovered: 1,
    });
  });

  it("without a report, takes F from the test log's Event lines in --tz", async () => {
    const [utc] = await t.q(
      `SELECT fault_ts, fault_command FROM scenarios WHERE name = 'test_endurance[u1-kv]'`,
    );
    assert.equal(utc!.fault_ts, "2026-05-06T09:00:10.000Z");
    assert.equal(utc!.fault_command, "dynamo.vllm");
    const { rows } = await runJson([fixture("layouts", "mixed", "events"), "--tz", "Europe/Berlin"]);
    const r = rows.find((x) => x.test_group === "test_endurance[u1-kv]")!;
    // 09:00:10 Berlin is 07:00:10 UTC: every request ended after the fault
    assert.deepEqual([r.success_before, r.failed_before, r.success_after, r.failed_after], [0, 0, 11, 1]);
  });

  it("loads records of every load with old key names, blank lines, cancellations and other units", async () => {
    const rows = await t.q(
      `SELECT s.name, q.client, count(*) AS n, count(*) FILTER (WHERE q.success) AS ok,
              max(q.line_no) AS last_line, min(q.ttft_s) AS ttft, sum(q.latency_s) AS lat
       FROM requests q JOIN scenarios s USING (scenario_id) WHERE s.layout = 'events'
       GROUP BY ALL ORDER BY s.name, q.client`,
    );
    assert.deepEqual(
      rows.map((r) => [r.name, r.client, r.n, r.ok, r.last_line]),
      [
        ["incident-bundle-2026-05-08", "c72", 8, 5, 8],
        ["test_endurance[u1-kv]", "load", 12, 11, 13],
        ["test_overload_baseline", "load_results", 6, 4, 6],
        ["test_worker_kill_vllm", "cooldown", 5, 5, 5],
        ["test_worker_kill_vllm", "default", 20, 15, 20],
      ],
    );
    near(rows[1]!.ttft, 0.04, "old `ttft` key");
    near(rows[2]!.lat, 0.8, "200 ms ×3 + 0.2 sec");
    const [c] = await t.q(
      `SELECT q.success, q.error, q.status_code, q.end_ts FROM requests q JOIN scenarios s USING (scenario_id)
       WHERE s.name = 'test_worker_kill_vllm' AND q.client = 'default' AND q.line_no = 15`,
    );
    assert.deepEqual(
      [c!.success, c!.error, c!.status_code, c!.end_ts],
      [false, '{"type":"cancelled"}', null, "2026-05-05T18:02:34.800Z"],
    );
    const [e] = await t.q(
      `SELECT q.error, q.status_code FROM requests q JOIN scenarios s USING (scenario_id)
       WHERE s.name = 'test_worker_kill_vllm' AND q.client = 'default' AND q.line_no = 11`,
    );
    assert.equal(e!.status_code, 503);
    assert.deepEqual(JSON.parse(String(e!.error)).cause_chain, ["ClientResponseError", "ServiceUnavailable"]);
  });

  it("reads container logs named <pod>_<ts>.log and matches service folders case-insensitively", async () => {
    const rows = await t.q(
      `SELECT service, pod, incarnation, count(*) AS n FROM log_lines l JOIN scenarios s USING (scenario_id)
       WHERE s.name = 'test_worker_kill_vllm' GROUP BY ALL ORDER BY service, pod, incarnation`,
    );
    assert.deepEqual(
      rows.map((r) => `${r.service} ${String(r.pod).slice(-5)} ${r.incarnation} ${r.n}`),
      [
        "Frontend x2x2x start_1778004080 1",
        "Frontend x2x2x start_1778004158 2",
        "VllmDecodeWorker new22 start_1778004155 1",
        "VllmDecodeWorker old11 start_1778004050 1",
      ],
    );
    const metrics = await t.q(
      `SELECT service, snapshot, count(*) AS n FROM metrics m JOIN scenarios s USING (scenario_id)
       WHERE s.name = 'test_worker_kill_vllm' AND snapshot IN ('current', 'before_delete') GROUP BY ALL ORDER BY ALL`,
    );
    // the teardown scrape in Frontend/ and the worker's snapshot before DeletePod
    assert.deepEqual(
      metrics.map((r) => [r.service, r.snapshot, r.n]),
      [
        ["Frontend", "current", 1],
        ["VllmDecodeWorker", "before_delete", 1],
      ],
    );
  });

  it("forward-fills the deduplicated server-metrics scrapes per endpoint, tied to pods by IP", async () => {
    const rows = await t.q(
      `SELECT service, pod, snapshot, count(*) AS n, count(DISTINCT ts) AS stamps
       FROM metrics m JOIN scenarios s USING (scenario_id)
       WHERE s.name = 'test_worker_kill_vllm' AND snapshot IN ('scrape', 'filled') GROUP BY ALL ORDER BY ALL`,
    );
    assert.deepEqual(
      rows.map((r) => [r.service, String(r.pod).slice(-5), r.snapshot, r.n, r.stamps]),
      [
        ["Frontend", "x2x2x", "filled", 1, 1],
        ["Frontend", "x2x2x", "scrape", 3, 3],
        ["VllmDecodeWorker", "new22", "scrape", 1, 1],
        ["VllmDecodeWorker", "old11", "filled", 15, 3],
        ["VllmDecodeWorker", "old11", "scrape", 10, 2],
      ],
    );
    const [fill] = await t.q(
      `SELECT m.value, m.ts FROM metrics m JOIN scenarios s USING (scenario_id)
       WHERE s.name = 'test_worker_kill_vllm' AND m.snapshot = 'filled' AND m.name = 'vllm:time_to_first_token_seconds_bucket'
         AND m.labels['le'] = '+Inf' ORDER BY m.ts LIMIT 1`,
    );
    assert.deepEqual([fill!.value, fill!.ts], [4, "2026-05-05T18:02:21.000Z"]);
  });
});

describe("--as dynamo on the mixed folder", () => {
  let rows: DynamoRow[];
  let t: LoadedDb;
  before(async () => {
    t = await loadInto([mixed]);
    rows = await computeDynamo(t.db, t.runIds, await computeSummary(t.db, t.runIds, undefined));
  });
  after(() => t.db.close());
  const dyn = (name: string) => rows.find((r) => r.scenario.name === name)!.dynamo;

  it("recomputes FaultToleranceReport's rows exactly as the harness wrote them", () => {
    const report = JSON.parse(
      readFileSync(
        fixture("layouts", "mixed", "events", "test_worker_kill_vllm", "fault_tolerance_report.json"),
        "utf8",
      ),
    ) as { rows: Record<string, unknown>[] };
    const ours = dyn("test_worker_kill_vllm").computed_rows as Record<string, unknown>[];
    assert.equal(ours.length, report.rows.length);
    report.rows.forEach((want, i) => {
      for (const [k, v] of Object.entries(want)) {
        const got = ours[i]![k];
        if (v === "N/A") assert.equal(got, null, `row ${i} ${k}`);
        else if (typeof v === "number") near(got, v, `row ${i} ${k}`);
        else assert.equal(got, v, `row ${i} ${k}`);
      }
    });
  });

  it("builds the report rows from the test log when there is no report", () => {
    assert.deepEqual(dyn("incident-bundle-2026-05-08").rows, [
      {
        failure: "none",
        startup_s: null,
        recovery_s: null,
        success_before: 5,
        failed_before: 3,
        success_after: null,
        failed_after: null,
        latency_before_ms: 250,
        latency_after_ms: null,
      },
      {
        failure: "NetworkPartition(Frontend->VllmDecodeWorker)",
        startup_s: null,
        recovery_s: null,
        success_before: 5,
        failed_before: 0,
        success_after: 0,
        failed_after: 3,
        latency_before_ms: 250,
        latency_after_ms: 0,
      },
    ]);
  });

  it("follows Dynamo through every AI-Perf schema drift case", () => {
    const d = dyn("test_fault_scenario[sglang-agg-tp-1-dp-1-decode_worker]");
    // clients 0–6: records wrapper (10/2), latest attempt without error_request_count (9/1), all failed
    // without request_count (10/10), configured count only (10/0), truncated (nothing), empty (nothing),
    // attempt_final skipped + 5/0
    assert.equal(d.num_clients, 7);
    assert.deepEqual([d.total_requests, d.successful_requests, d.failed_requests], [44, 31, 13]);
    near(d.success_rate_pct, (31 / 44) * 100, "success rate");
    near(d.mean_latency_s, 0.7, "mean of 0.8, 0.7, 0.6");
    near(d.p50_latency_s, (0.79 + 0.69 + 0.6) / 3, "p50");
    near(d.p90_latency_s, 0.75, "p90: client_3 stops before p90");
    near(d.p99_latency_s, 0.8, "p99");
    near(d.ttft_mean_s, 0.045, "TTFT: client_3 raised before TTFT");
    near(d.itl_mean_s, 0.0075, "ITL 0 is skipped");
    near(d.total_throughput_rps, 2.0, "total throughput");
    near(d.avg_client_throughput_rps, 1.0, "avg throughput");
    // newer harness wording: Dynamo has no Startup and looks for Recovery in an "unknown" folder
    assert.equal(d.startup_s, null);
    assert.equal(d.recovery_s, null);
  });

  it("applies the legacy parser's own Startup rule to legacy rows", () => {
    assert.equal(dyn("test_fault_scenario[agg-tp-1-dp-1-frontend]").startup_s, 165);
  });

  it("adds a dynamo object to every JSON row and prints all three kinds of table", async () => {
    const { rows: json } = await runJson([mixed, "--as", "dynamo"]);
    assert.equal(json.length, 6);
    assert.ok(json.every((r) => typeof r.dynamo === "object" && r.dynamo !== null));
    const { code, stdout } = await runCli([mixed, "--as", "dynamo", "--format", "table"]);
    assert.equal(code, 0);
    assert.match(stdout, /Test Group: agg-tp-1-dp-1/);
    assert.match(stdout, /FAULT TOLERANCE TEST SUMMARY - AI-PERF[\s\S]*│ Success Rate\s+│ 70\.45%/);
    assert.match(
      stdout,
      /FaultToleranceReport: test_worker_kill_vllm[\s\S]*│ TerminateProcess\(Frontend\)\s+│\s+509\.09 │\s+600\.00 │/,
    );
    const md = await runCli([mixed, "--as", "dynamo", "--format", "markdown"]);
    assert.match(
      md.stdout,
      /\| Failure \| Startup \(s\) \| Recovery \(s\) \|\n\|---\|---\|---\|\n\| none \| 81\.03 \| N\/A \|/,
    );
  });
});

/**
 * The legacy adapter on hand-made edge cases (fixtures/edge, built so the right numbers are known):
 * bad client lines of every kind, blank lines, an empty client file, content null vs missing, a
 * failed-then-retried request, a missing test log, the newer ready wording, an unknown failure name,
 * ANSI pod logs, a container restarted twice and a recovery that is an exact rounding tie (71.125 s).
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Db } from "../../src/db.js";
import { openDatabase } from "../../src/schema.js";
import { recordingEffects } from "../../src/effects.js";
import { loadResults } from "../../src/pipeline.js";
import { Warnings } from "../../src/messages.js";
import { join } from "node:path";
import { fixture, rowOf, runCli, runJson } from "../helpers.js";
import { tempDir } from "../history/helpers.js";

const edge = fixture("edge");
const decodeDir = fixture("edge", "test_fault_scenario[edge-tp-1-dp-1-decode_worker]");

describe("legacy adapter: summary numbers on fixtures/edge", () => {
  it("computes every reference column as constructed", async () => {
    const { code, rows } = await runJson([edge]);
    assert.equal(code, 0);
    assert.deepEqual(
      rows.map((r) => r.failure),
      ["frontend", "decode_worker", "custom_chaos"],
      "known failures in reference order, the unknown one last, the unreadable `none` left out",
    );
    const dw = rowOf(rows, "edge-tp-1-dp-1", "decode_worker");
    assert.equal(dw.startup_s, 120);
    // before (≤ 10:03:00): lines 1 and 2, both successes, latencies 1.0 and 2.0
    assert.equal(dw.success_before, 2);
    assert.equal(dw.failed_before, 0);
    assert.equal(dw.latency_before_s, 1.5);
    // after: 500 (F), content null (F), reasoning only (S 3.0), refused+retried (F + S 1.5), short (F)
    assert.equal(dw.success_after, 2);
    assert.equal(dw.failed_after, 4);
    assert.equal(dw.latency_after_s, 2.25);
    // latest ready line after F in any service: decode worker at F + 71.125 s (frontend's is at +30.5 s)
    assert.equal(dw.recovery_s, 71.125);

    const fe = rowOf(rows, "edge-tp-1-dp-1", "frontend");
    assert.equal(fe.startup_s, null, "no test.log.txt");
    assert.equal(fe.success_before, 2);
    assert.equal(fe.failed_before, 1);
    assert.equal(fe.success_after, null);
    assert.equal(fe.latency_after_s, null);
    assert.equal(fe.recovery_s, null);

    const cc = rowOf(rows, "edge-tp-1-dp-1", "custom_chaos");
    assert.equal(cc.startup_s, 100, "newer ready wording accepted (deliberate difference)");
    assert.equal(cc.success_after, 1);
    assert.equal(cc.failed_after, 1);
    assert.equal(cc.recovery_s, 7.25);
  });

  it("rounds the 71.125 s tie to even in tables, as Python does", async () => {
    const { stdout } = await runCli([edge, "--format", "table"]);
    assert.match(stdout, /│\s+71\.12 │/);
    assert.doesNotMatch(stdout, /71\.13/);
  });

  it("counts SLA violations among successful attempts only", async () => {
    const { rows } = await runJson([edge, "--sla", "1.2"]);
    const dw = rowOf(rows, "edge-tp-1-dp-1", "decode_worker");
    assert.equal(dw.violations_before, 1); // 2.0 > 1.2; 1.0 is not
    assert.equal(dw.violations_after, 2); // 3.0 and 1.5; the failed 0.5/1.0/0.1/0.7 do not count
    const fe = rowOf(rows, "edge-tp-1-dp-1", "frontend");
    assert.equal(fe.violations_after, null, "no after window without a fault");
  });

  it("warns about every skipped line with its physical line number", async () => {
    const { stderr } = await runJson([edge]);
    const client0 = `${decodeDir}/client_0.log.txt`;
    for (const line of [3, 5, 6, 12])
      assert.ok(stderr.includes(`${client0}:${line}: line skipped`), `line ${line}`);
    assert.ok(!stderr.includes(`${client0}:4:`), "a blank line holds no data and is not an issue");
    assert.ok(stderr.includes(`${decodeDir}/client_1.log.txt: client log is empty`));
    assert.match(stderr, /edge-tp-1-dp-1-frontend\]\/test\.log\.txt: no test\.log\.txt/);
    assert.match(stderr, /edge-tp-1-dp-1-none\]: no readable client request: left out of the summary/);
    // The report reads no Prometheus snapshot (no metric uses them); a --db store keeps them, and warns.
    assert.doesNotMatch(stderr, /metrics line skipped/);
    const { dir, cleanup } = await tempDir();
    try {
      const stored = await runJson([edge, "--db", join(dir, "h.duckdb")]);
      assert.match(stored.stderr, /metrics\.log:5: metrics line skipped/);
    } finally {
      await cleanup();
    }
  });
});

describe("legacy adapter: canonical tables", () => {
  let db: Db;
  before(async () => {
    db = await openDatabase();
    // every fact kept, as a --db store does (the report keeps only what its metrics read)
    await loadResults(
      db,
      { paths: [edge], tz: "UTC", archive: true },
      recordingEffects(new Warnings()).effects,
    );
  });
  after(() => db.close());

  const scenario = "(SELECT scenario_id FROM scenarios WHERE failure = 'decode_worker')";

  it("stores one row per attempt with its line, attempt number, status and error", async () => {
    const rows = await db.sql(
      `SELECT line_no, attempt, status_code, error IS NOT NULL AS has_error, success, content_chars, latency_s
       FROM requests WHERE scenario_id = ${scenario} ORDER BY line_no, attempt`,
    );
    assert.deepEqual(
      rows.map((r) => [
        r.line_no,
        r.attempt,
        r.status_code,
        r.has_error,
        r.success,
        r.content_chars,
        r.latency_s,
      ]),
      [
        [1, 0, 200, false, true, 120, 1.0],
        [2, 0, 200, false, true, 120, 2.0],
        [7, 0, 500, false, false, null, 0.5],
        [8, 0, 200, false, false, null, 1.0],
        [9, 0, 200, false, true, 120, 3.0],
        [10, 0, null, true, false, null, 0.1],
        [10, 1, 200, false, true, 120, 1.5],
        [11, 0, 200, false, false, 50, 0.7],
      ],
    );
  });

  it("records the fault target and command from the injection line", async () => {
    const [s] = await db.sql(
      `SELECT fault_target, fault_command, fault_signal, ready_wording FROM scenarios WHERE scenario_id = ${scenario}`,
    );
    assert.deepEqual(s, {
      fault_target: "VllmDecodeWorker",
      fault_command: "dynamo.vllm",
      fault_signal: "SIGKILL",
      ready_wording: "reference",
    });
  });

  it("reads ANSI-coloured readable pod log lines", async () => {
    const rows = await db.sql(
      `SELECT line_no, ts, message FROM log_lines WHERE scenario_id = ${scenario} AND service = 'Frontend' ORDER BY line_no`,
    );
    assert.equal(rows.length, 3);
    assert.equal(rows[1]!.ts, "2025-10-01T10:03:30.500Z");
    assert.equal(
      rows[1]!.message,
      "INFO dynamo_llm::discovery::watcher: added model model_name=Qwen/Qwen3-0.6B",
    );
    assert.equal(rows[2]!.ts, null, "a line without a timestamp is kept, without a time");
  });

  it("keeps both incarnations of a container restarted twice", async () => {
    const rows = await db.sql(
      `SELECT incarnation, restart_count, started_at, finished_at, exit_code, reason FROM containers
       WHERE scenario_id = ${scenario} ORDER BY incarnation`,
    );
    assert.deepEqual(rows, [
      {
        incarnation: "current",
        restart_count: 2,
        started_at: "2025-10-01T10:03:20.000Z",
        finished_at: null,
        exit_code: null,
        reason: null,
      },
      {
        incarnation: "last_terminated",
        restart_count: 2,
        started_at: "2025-10-01T10:02:30.000Z",
        finished_at: "2025-10-01T10:03:00.000Z",
        exit_code: 137,
        reason: "Error",
      },
    ]);
  });

  it("puts test-log markers, ready lines and container events on one clock", async () => {
    const rows = await db.sql(
      `SELECT kind, count(*) AS n FROM events WHERE scenario_id = ${scenario} GROUP BY kind ORDER BY kind`,
    );
    assert.deepEqual(rows, [
      { kind: "container_exit", n: 1 },
      { kind: "container_start", n: 2 },
      { kind: "deploy_start", n: 1 },
      { kind: "fault", n: 1 },
      { kind: "ready", n: 1 },
      { kind: "ready_line", n: 4 }, // two decode (current + previous), two Frontend; the stamp-less line is not one
    ]);
  });

  it("parses Prometheus samples with their labels", async () => {
    const rows = await db.sql(
      `SELECT name, labels['dynamo_endpoint'] AS endpoint, value FROM metrics WHERE scenario_id = ${scenario} ORDER BY name`,
    );
    assert.deepEqual(rows, [
      { name: "dynamo_component_requests_total", endpoint: "generate", value: 412 },
      { name: "dynamo_component_uptime_seconds", endpoint: null, value: 50.5 },
    ]);
  });
});

describe("--tz: naive timestamps in the runner's zone", () => {
  const tzTree = fixture("tz-new-york");
  it("gives the true recovery when the zone is named", async () => {
    const { rows } = await runJson([tzTree, "--tz", "America/New_York"]);
    assert.equal(rows[0]!.recovery_s, 45);
    assert.equal(rows[0]!.success_before, 1);
    assert.equal(rows[0]!.failed_after, 1);
  });
  it("is off by the UTC offset when read as UTC (the reference's assumption)", async () => {
    const { rows } = await runJson([tzTree]);
    assert.equal(rows[0]!.recovery_s, 4 * 3600 + 45);
  });
});

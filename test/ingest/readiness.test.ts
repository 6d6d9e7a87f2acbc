/**
 * Every readiness and start-up wording of docs/readiness.md, written into a results tree as each
 * generation logged it (pod/process logs in both the readable and the JSON-lines format), is recognised:
 * ready lines become `ready_line` events of their folder, test-log markers set start and ready.
 */
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";
import { repoRoot } from "../helpers.js";
import { tempDir } from "../history/helpers.js";
import { loadInto, type LoadedDb } from "./load.js";

/** [layout folder, service folder, wording as logged (a model name filled in)] */
const POD_LINES: [string, string, string][] = [
  ["legacy", "Frontend", "added model"],
  ["legacy", "VllmDecodeWorker", "VllmWorker for Qwen/Qwen3-0.6B has been initialized"],
  ["legacy", "VllmPrefillWorker", "VllmWorker for Qwen/Qwen3-0.6B has been initialized"],
  ["legacy", "decode", "Model registration succeeded"],
  ["legacy", "decode", "Decode worker handler initialized"],
  ["legacy", "prefill", "Prefill worker handler initialized"],
  ["legacy", "prefill", "Worker handler initialized"],
  ["legacy", "TRTLLMWorker", "TrtllmWorker for Qwen/Qwen3-0.6B has been initialized"],
  ["legacy", "TRTLLMDecodeWorker", "Model registration succeeded"],
  ["legacy", "TRTLLMPrefillWorker", "TrtllmWorker for Qwen/Qwen3-0.6B has been initialized"],
  ["early", "dynamo_Frontend", "added model"],
  ["early", "dynamo_Processor", "Starting Processor instance with all registered endpoints"],
  ["early", "dynamo_VllmWorker", "Starting VllmWorker instance with all registered endpoints"],
  ["early", "dynamo_PrefillWorker", "Starting PrefillWorker instance with all registered endpoints"],
];

/** Test-log start/ready wordings: [scenario path, test.log lines]. */
const legacyStamp = (t: string) => `[TEST] 2025-09-24T${t}`;
const g2Stamp = (t: string) => `2026-05-05 ${t} [INFO] test:`;
const TEST_LOGS: [string, string[]][] = [
  [
    "legacy/test_fault_scenario[ready-tp-1-dp-1-frontend]",
    [
      `${legacyStamp("18:10:00")} INFO ManagedDeployment: Starting Deployment fault-tolerance-test with spec {}`,
      `${legacyStamp("18:11:00")} INFO ManagedDeployment: Deployment fault-tolerance-test is ready`,
      `${legacyStamp("18:12:00")} INFO test: Injecting failure for: Failure(time=30, pod_name='Frontend')`,
    ],
  ],
  [
    "legacy/test_fault_scenario[ready-tp-1-dp-1-decode_worker]",
    [
      `${legacyStamp("18:10:00")} INFO ManagedDeployment: Starting Deployment fault-tolerance-test with spec {}`,
      `${legacyStamp("18:11:00")} INFO ManagedDeployment: Deployment fault-tolerance-test has Ready condition True and state successful`,
    ],
  ],
  [
    "early/test_worker_failure[agg-tp-1-dp-1-decode_worker]",
    [
      `${legacyStamp("18:10:00")} INFO test_runner: Running command: dynamo serve graphs.agg:Frontend -f agg.yaml`,
      `${legacyStamp("18:11:00")} INFO test_runner: Deployment Ready`,
      `${legacyStamp("18:12:00")} INFO test_runner: Injecting failure for: ('dynamo_vllmworker', 1)`,
    ],
  ],
  [
    "events/test_ready_g2",
    [
      `${g2Stamp("18:10:00")} Starting Deployment fault-tolerance-test`,
      `${g2Stamp("18:11:00")} Deployment fault-tolerance-test is ready`,
      `${g2Stamp("18:12:00")} Event 2/3: Delete pods: Frontend`,
      `${g2Stamp("18:12:13")} Deployment recovered in 12.5s`,
    ],
  ],
  [
    "events/test_ready_g2_newer",
    [
      `${g2Stamp("18:10:00")} Starting Deployment fault-tolerance-test`,
      `${g2Stamp("18:11:00")} Deployment fault-tolerance-test has Ready condition True and state successful`,
    ],
  ],
];

describe("readiness wording of every generation (docs/readiness.md)", () => {
  let root: string;
  let cleanup: () => Promise<void>;
  let t: LoadedDb;
  before(async () => {
    ({ dir: root, cleanup } = await tempDir());
    const write = (path: string, text: string) => {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    };
    for (const [path, lines] of TEST_LOGS) write(`${path}/test.log.txt`, lines.join("\n") + "\n");
    mkdirSync(join(root, "events/test_ready_g2/load"), { recursive: true });
    mkdirSync(join(root, "events/test_ready_g2_newer/load"), { recursive: true });
    const client = JSON.stringify({
      time: "2025-09-24T18:11:30",
      results: [{ status: 200, request_elapsed_time: 1 }],
    });
    write("legacy/test_fault_scenario[ready-tp-1-dp-1-frontend]/client_0.log.txt", client + "\n");
    write("early/test_worker_failure[agg-tp-1-dp-1-decode_worker]/client_0.log.txt", client + "\n");
    POD_LINES.forEach(([layout, service, wording], i) => {
      const readable = `2025-09-24T18:13:${String(i).padStart(2, "0")}.250000Z \u001b[32m INFO\u001b[0m main.init: ${wording}`;
      const json = JSON.stringify({
        time: `2025-09-24T18:14:${String(i).padStart(2, "0")}.250000Z`,
        level: "INFO",
        target: "log",
        message: wording,
        "log.target": "main.init",
      });
      const text = `${readable}\n${json}\n`;
      if (layout === "legacy")
        write(`legacy/test_fault_scenario[ready-tp-1-dp-1-frontend]/${service}/pod-${i}.log`, text);
      else write(`early/test_worker_failure[agg-tp-1-dp-1-decode_worker]/${service}/error.log`, text);
    });
    // a Frontend wording in a worker's folder
    write(
      "legacy/test_fault_scenario[ready-tp-1-dp-1-frontend]/decode/pod-x.log",
      "2025-09-24T18:15:00.250000Z INFO watcher: added model Qwen/Qwen3-0.6B\n",
    );
    // the report's way: only what its metrics read (ready-line candidates), not every line
    t = await loadInto([root], "UTC", false);
  });
  after(async () => {
    t.db.close();
    await cleanup();
  });

  it("takes every pod and process ready line, readable and JSON, as a ready line of its folder", async () => {
    for (const [layout, service, wording] of POD_LINES) {
      const rows = await t.q(
        `SELECT count(*) AS n FROM events e JOIN scenarios s USING (scenario_id)
         WHERE e.kind = 'ready_line' AND s.layout = $layout AND e.service = $service AND contains(e.detail, $wording)`,
        { layout, service, wording },
      );
      assert.ok(Number(rows[0]!.n) >= 2, `${layout} ${service}: ${wording} (${String(rows[0]!.n)} of 2)`);
    }
  });

  it("does not take a ready wording in another service's folder", async () => {
    const rows = await t.q(
      `SELECT count(*) AS n FROM events WHERE kind = 'ready_line' AND service = 'decode' AND contains(detail, 'added model')`,
    );
    assert.equal(Number(rows[0]!.n), 0);
  });

  it("reads start and ready from every test-log wording", async () => {
    const rows = await t.q(
      `SELECT name, layout, (epoch(ready_ts) - epoch(start_ts)) AS startup FROM scenarios ORDER BY name`,
    );
    assert.equal(rows.length, TEST_LOGS.length);
    for (const r of rows) assert.equal(Number(r.startup), 60, `${String(r.layout)} ${String(r.name)}`);
    const recovered = await t.q(`SELECT detail FROM events WHERE kind = 'recovered'`);
    assert.deepEqual(
      recovered.map((r) => r.detail),
      ["Deployment recovered in 12.5s"],
    );
  });

  it("lists every wording tested here in docs/readiness.md", () => {
    const doc = readFileSync(join(repoRoot, "docs", "readiness.md"), "utf8");
    const wordings = [
      ...POD_LINES.map(([, , w]) => w.replace("Qwen/Qwen3-0.6B", "<model>")),
      "Running command: dynamo serve",
      "Deployment Ready",
      "Starting Deployment fault-tolerance-test with spec",
      "Deployment fault-tolerance-test is ready",
      "Deployment fault-tolerance-test has Ready condition True and state successful",
      "Deployment <name> is ready",
      "Deployment recovered in <N>s",
    ];
    for (const w of wordings) assert.ok(doc.includes(w), w);
  });
});

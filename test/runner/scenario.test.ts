/** resolveScenario(): presets, scenario files merged onto them, command-line overrides, bad input. */
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ExitCode } from "../../src/errors.js";
import { resolveScenario } from "../../src/runner/loadScenario.js";
import { DEPLOYMENTS, FAILURES } from "../../src/runner/presets.js";
import { scenarioDirName } from "../../src/runner/scenario.js";
import { assertFtparseError } from "../helpers.js";

const dir = mkdtempSync(join(tmpdir(), "ftparse-scenario-test-"));
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

describe("resolveScenario(input)", () => {
  it("builds every preset deployment × failure of the reference matrix (prefill ones only for disagg)", async () => {
    let built = 0;
    for (const deployment of Object.keys(DEPLOYMENTS)) {
      for (const failure of Object.keys(FAILURES)) {
        const input = { deployment, failure };
        if (failure.startsWith("prefill") || failure === "vllm_prefill_engine_core") {
          if (deployment.startsWith("agg")) {
            await assertFtparseError(() => resolveScenario(input), ExitCode.Usage, /not a service/);
            continue;
          }
        }
        const s = await resolveScenario(input);
        assert.equal(scenarioDirName(s), `test_fault_scenario[${deployment}-${failure}]`);
        built++;
      }
    }
    assert.equal(built, 2 * 6 + 2 * 9);
  });

  it("uses the reference targets, commands and signals", async () => {
    const s = await resolveScenario({ deployment: "agg-tp-1-dp-2", failure: "decode_worker" });
    assert.deepEqual(s.failure, {
      name: "decode_worker",
      time: 20,
      podName: "VllmDecodeWorker",
      command: "dynamo.vllm",
      signal: "SIGKILL",
      replicas: 1,
    });
    assert.deepEqual(
      s.services.map((x) => [x.name, x.role, x.replicas]),
      [
        ["Frontend", "frontend", 2],
        ["VllmDecodeWorker", "decode", 2],
      ],
    );
    const fe = await resolveScenario({ deployment: "agg-tp-1-dp-1", failure: "frontend_pod" });
    assert.equal(fe.failure?.command, "delete_pod");
    assert.equal((await resolveScenario({ failure: "none" })).failure, null);
  });

  it("merges a scenario file onto its preset, then applies the flags", async () => {
    const f = file(
      "merge.yaml",
      [
        "deployment: disagg-tp-1-dp-1",
        "failure: {name: prefill_worker, signal: SIGTERM}",
        "services:",
        "  VllmDecodeWorker: {replicas: 2, startupS: 0.5}",
        "  Sidecar: {role: other, command: 'sleep 100', readyPattern: 'up'}",
        "load: {clients: 2, maxRetries: 0}",
        "timing: {tpotMs: 1}",
      ].join("\n"),
    );
    const s = await resolveScenario({ file: f, requests: 7, faultAt: 3 });
    assert.equal(s.deployment, "disagg-tp-1-dp-1");
    assert.equal(s.failure?.podName, "VllmPrefillWorker");
    assert.equal(s.failure?.signal, "SIGTERM");
    assert.equal(s.failure?.time, 3);
    const decode = s.services.find((x) => x.name === "VllmDecodeWorker")!;
    assert.equal(decode.replicas, 2);
    assert.equal(decode.startupS, 0.5);
    assert.equal(decode.readyPattern, "VllmWorker for (?<model_name>.*?) has been initialized");
    const side = s.services.find((x) => x.name === "Sidecar")!;
    assert.equal(side.command, "sleep 100");
    assert.equal(side.healthUrl, undefined);
    assert.deepEqual([s.load.clients, s.load.requestsPerClient, s.load.maxRetries], [2, 7, 0]);
    assert.equal(s.timing.tpotMs, 1);
  });

  it("takes a deployment of your own with commands, health URLs and ready patterns", async () => {
    const f = file(
      "custom.yaml",
      [
        "deployment: my-stack",
        "failure: {name: worker_kill, podName: Worker, command: my_worker, signal: SIGKILL}",
        "services:",
        "  Frontend: {command: 'my_frontend --port {port}', healthUrl: 'http://127.0.0.1:{port}/health'}",
        "  Worker: {command: 'my_worker', readyPattern: 'ready'}",
      ].join("\n"),
    );
    const s = await resolveScenario({ file: f });
    assert.equal(scenarioDirName(s), "test_fault_scenario[my-stack-worker_kill]");
    assert.deepEqual(
      s.services.map((x) => [x.name, x.role, x.command]),
      [
        ["Frontend", "frontend", "my_frontend --port {port}"],
        ["Worker", "decode", "my_worker"],
      ],
    );
  });

  it("rejects bad scenarios with a message naming the field", async () => {
    const cases: [string, RegExp][] = [
      ["deployment: nope-1\n", /not a preset and no services/],
      ["failure: decode-worker\n", /failure "decode-worker" is not valid/],
      ["failure: exploding\n", /unknown failure "exploding"/],
      ["load: {clients: 0}\n", /load.clients must be ≥ 1/],
      ["load: {clientz: 3}\n", /load: unknown key "clientz"/],
      ["failure: {name: x, podName: Nobody, command: y}\n", /failure.podName "Nobody" is not a service/],
      ["failure: {name: x, podName: Frontend, command: y, signal: SIGFOO}\n", /signal "SIGFOO"/],
      ["services: {Frontend: {readyPattern: '('}}\n", /readyPattern is not a regular expression/],
      ["deployment: [1\n", /not valid YAML/],
      ["- 1\n", /a scenario file is a YAML mapping/],
    ];
    for (const [i, [text, message]] of cases.entries()) {
      await assertFtparseError(
        () => resolveScenario({ file: file(`bad${i}.yaml`, text) }),
        ExitCode.Usage,
        message,
      );
    }
    await assertFtparseError(
      () => resolveScenario({ file: join(dir, "missing.yaml") }),
      ExitCode.Usage,
      /cannot read scenario file/,
    );
  });
});

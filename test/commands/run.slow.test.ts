/**
 * `ftparse run` end to end, as a user runs it: the real CLI in a child process, a short scenario with
 * fast timing (about 20 s), then checks of what must be true of the result — and that no process of
 * the run is left behind, also after Ctrl-C.
 */
import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parse } from "yaml";
import { repoRoot, runJson } from "../helpers.js";

const bin = join(repoRoot, "dist", "src", "bin.js");

/** Fast timing: workers start in ~1 s, 100 tokens take ~0.3 s, leases expire after 1.5 s. */
const FAST = [
  "timing: {workerStartupS: 1, frontendStartupS: 0.2, tpotMs: 2, leaseTtlS: 1.5}",
  "controller: {restartBackoffS: 1, podStartDelayS: 0.5, probePeriodS: 0.5, readyTimeoutS: 30}",
];

function scenarioFile(dir: string, lines: string[]): string {
  const f = join(dir, "scenario.yaml");
  writeFileSync(f, [...lines, ...FAST].join("\n") + "\n");
  return f;
}

interface Done {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCliProcess(
  args: string[],
  onStderr?: (text: string, child: ChildProcess) => void,
): Promise<Done> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr!.on("data", (c: Buffer) => {
      stderr += c.toString();
      onStderr?.(stderr, child);
    });
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Alive = exists and is not a zombie waiting to be reaped. */
function alive(pid: number): boolean {
  const r = spawnSync("ps", ["-o", "stat=", "-p", String(pid)], { encoding: "utf8" });
  const stat = r.stdout.trim();
  return stat !== "" && !stat.startsWith("Z");
}

/** Every descendant of `root` (by parent pid) and every member of their process groups. */
function descendants(root: number): number[] {
  const ps = spawnSync("ps", ["-A", "-o", "pid=,ppid=,pgid="], { encoding: "utf8" }).stdout;
  const rows = ps
    .split("\n")
    .map((l) => l.trim().split(/\s+/).map(Number))
    .filter((r) => r.length === 3 && r.every(Number.isFinite));
  const found = new Set<number>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid, pgid] of rows) {
      if (found.has(pid!)) continue;
      if (ppid === root || found.has(ppid!) || found.has(pgid!)) {
        found.add(pid!);
        grew = true;
      }
    }
  }
  return [...found];
}

const podFiles = (dir: string, service: string) => readdirSync(join(dir, service)).sort();

describe("ftparse run (end to end)", () => {
  it("agg-tp-1-dp-1 with a decode worker SIGKILL: failures after the fault, a recovery, successes again", async () => {
    const tmp = mkdtempSync(join(tmpdir(), "ftparse-run-test-"));
    const out = join(tmp, "results");
    const scenario = scenarioFile(tmp, [
      "deployment: agg-tp-1-dp-1",
      "failure: decode_worker",
      "load: {clients: 3, requestsPerClient: 14}",
    ]);
    const r = await runCliProcess([
      "run",
      "--scenario",
      scenario,
      "--fault-at",
      "5",
      "--out",
      out,
      "--format",
      "json",
    ]);
    assert.equal(r.code, 0, r.stderr);
    const dir = join(out, "test_fault_scenario[agg-tp-1-dp-1-decode_worker]");

    // The summary printed by run is the one `ftparse results/` computes.
    const printed = JSON.parse(r.stdout) as Record<string, unknown>[];
    const { code, rows } = await runJson([out]);
    assert.equal(code, 0);
    assert.equal(rows.length, 1);
    assert.equal(printed.length, 1);
    for (const [key, value] of Object.entries(rows[0]!)) {
      // DuckDB's parallel avg() may differ in the last bit between two runs over the same rows.
      if (typeof value === "number") assert.ok(Math.abs(value - Number(printed[0]![key])) < 1e-9, key);
      else assert.deepEqual(value, printed[0]![key], key);
    }
    const row = rows[0]!;
    assert.equal(row.test_group, "agg-tp-1-dp-1");
    assert.equal(row.failure, "decode_worker");
    assert.ok(Number(row.startup_s) >= 0, "startup from the test log markers");
    assert.ok(Number(row.success_before) > 0, "successes before the fault");
    assert.ok(Number(row.failed_after) > 0, "failures after the fault");
    assert.ok(Number(row.recovery_s) > 0, "a recovery (ready line after the fault)");
    assert.ok(Number(row.success_after) > 0, "successes after the fault");

    // test.log.txt carries the reference markers, in UTC.
    const testLog = readFileSync(join(dir, "test.log.txt"), "utf8");
    assert.match(
      testLog,
      /^\[TEST\] \S+ INFO ManagedDeployment: Starting Deployment fault-tolerance-test with spec /m,
    );
    assert.match(testLog, /^\[TEST\] \S+ INFO ManagedDeployment: Deployment fault-tolerance-test is ready$/m);
    const inject =
      /^\[TEST\] (\S+) INFO test_fault_scenario\[agg-tp-1-dp-1-decode_worker\]: Injecting failure for: Failure\(time=5, pod_name='VllmDecodeWorker', command='dynamo.vllm', signal='SIGKILL', replicas=1\)$/m.exec(
        testLog,
      );
    assert.ok(inject, testLog);
    const faultMs = Date.parse(inject[1]! + "Z");
    assert.match(testLog, /Terminating VllmDecodeWorker Pid \d+ Command .*dynamo\.vllm/);

    // The worker restarted once: a previous log, restartCount 1, lastState exit code 137 (SIGKILL).
    const workerFiles = podFiles(dir, "VllmDecodeWorker");
    const pod = workerFiles.find((f) => f.endsWith(".yaml"))!.slice(0, -".yaml".length);
    assert.deepEqual(workerFiles, [`${pod}.log`, `${pod}.metrics.log`, `${pod}.previous.log`, `${pod}.yaml`]);
    const status = (parse(readFileSync(join(dir, "VllmDecodeWorker", `${pod}.yaml`), "utf8")) as PodYaml)
      .status.containerStatuses[0]!;
    assert.equal(status.restartCount, 1);
    assert.equal(status.lastState.terminated?.exitCode, 137);
    assert.ok(status.state.running?.startedAt);
    const readyLines = (file: string) =>
      readFileSync(join(dir, "VllmDecodeWorker", file), "utf8")
        .split("\n")
        .filter((l) => l.includes("has been initialized"))
        .map((l) => JSON.parse(l) as { time: string });
    assert.equal(readyLines(`${pod}.previous.log`).length, 1);
    const [ready] = readyLines(`${pod}.log`);
    assert.match(ready!.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    const readyMs = Date.parse(ready!.time);
    assert.ok(readyMs > faultMs);
    assert.match(
      readFileSync(join(dir, "VllmDecodeWorker", `${pod}.metrics.log`), "utf8"),
      /^dynamo_component_requests_total/m,
    );
    const fePod = podFiles(dir, "Frontend")[0]!.split(".")[0]!;
    assert.match(readFileSync(join(dir, "Frontend", `${fePod}.log`), "utf8"), /"message":"added model"/);

    // Client lines: reference keys, UTC `time`, ftparse's start_ms/end_ms; successes after the restart.
    let failedAfterFault = 0;
    let okAfterReady = 0;
    for (let c = 0; c < 3; c++) {
      const lines = readFileSync(join(dir, `client_${c}.log.txt`), "utf8")
        .trim()
        .split("\n");
      assert.equal(lines.length, 14);
      for (const text of lines) {
        assert.match(text, /^\{"time": "/, "written as Python's json.dumps");
        const line = JSON.parse(text) as ClientLine;
        const last = line.results.at(-1)!;
        assert.ok(Math.abs(Date.parse(line.time + "Z") - last.end_ms) < 1500, `time is UTC: ${line.time}`);
        for (const a of line.results) {
          const content = a.result?.choices?.[0]?.message?.content ?? "";
          if (a.end_ms > faultMs && content.length < 100) failedAfterFault++;
          if (a.start_ms >= readyMs && a.status === 200 && content.length >= 100) okAfterReady++;
        }
      }
    }
    assert.ok(failedAfterFault > 0);
    assert.ok(okAfterReady > 0);

    // No process of the run is left: every container pid in the manifests, every engine core.
    const pids = new Set<number>();
    for (const service of ["Frontend", "VllmDecodeWorker"]) {
      for (const f of podFiles(dir, service)) {
        const text = readFileSync(join(dir, service, f), "utf8");
        for (const m of text.matchAll(/local:\/\/pid-(\d+)|EngineCore_0 pid=(\d+)/g))
          pids.add(Number(m[1] ?? m[2]));
      }
    }
    assert.ok(pids.size >= 5, `found pids ${[...pids]}`);
    for (const pid of pids) assert.equal(alive(pid), false, `pid ${pid} is still alive`);
  });

  it("Ctrl-C stops everything: exit 130, partial results collected, no process left", async () => {
    const tmp = mkdtempSync(join(tmpdir(), "ftparse-run-int-"));
    const out = join(tmp, "results");
    const scenario = scenarioFile(tmp, [
      "deployment: disagg-tp-1-dp-1",
      "failure: none",
      "load: {clients: 2, requestsPerClient: 100}",
      // a service of our own: a shell with a child, ready by its log line
      "services: {Sidecar: {role: other, command: 'echo sidecar up; sleep 600', readyPattern: 'sidecar up'}}",
    ]);
    let snapshot: number[] = [];
    let sent = false;
    const r = await runCliProcess(["run", "--scenario", scenario, "--out", out], (stderr, child) => {
      if (!sent && stderr.includes("deployment ready")) {
        sent = true;
        setTimeout(() => {
          snapshot = descendants(child.pid!);
          child.kill("SIGINT");
        }, 1500);
      }
    });
    assert.ok(sent, r.stderr);
    assert.equal(r.code, 130, r.stderr);
    assert.match(r.stderr, /interrupted: partial results in/);
    // frontend, decode worker + engine core, prefill worker + engine core, sidecar shell + sleep
    assert.ok(snapshot.length >= 7, `expected the deployment's processes, saw ${snapshot}`);
    const left = snapshot.filter(alive);
    assert.deepEqual(left, [], "processes left after Ctrl-C");
    const dir = join(out, "test_fault_scenario[disagg-tp-1-dp-1-none]");
    assert.ok(podFiles(dir, "VllmPrefillWorker").some((f) => f.endsWith(".yaml")));
    const sidecarLog = podFiles(dir, "Sidecar").find((f) => /^[^.]+\.log$/.test(f))!;
    assert.equal(readFileSync(join(dir, "Sidecar", sidecarLog), "utf8"), "sidecar up");
    assert.ok(readFileSync(join(dir, "client_0.log.txt"), "utf8").length > 0);
  });
});

interface PodYaml {
  status: {
    containerStatuses: {
      restartCount: number;
      lastState: { terminated?: { exitCode: number } };
      state: { running?: { startedAt: string } };
    }[];
  };
}

interface ClientLine {
  time: string;
  results: {
    status: number | string;
    result: { choices?: { message?: { content?: string } }[] } | null;
    start_ms: number;
    end_ms: number;
  }[];
}

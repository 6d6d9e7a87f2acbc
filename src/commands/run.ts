/**
 * `ftparse run` — produce a fault-tolerance result on this machine, then summarize it.
 *
 *   scenario ──► deployment ──► ready ──► clients ─┬─► (fault at S s) ──► clients done ──► collect ──► stop ──► report
 *   (preset or   (pods as        (test.log     (client_N     │  signal / delete pod        (legacy layout)     (the summary
 *    YAML file)   process groups) markers)      .log.txt)    └─ kubelet restarts, ReplicaSet replaces            of commands/report.ts)
 *
 * Each stage is one numbered call below. Ctrl-C (or SIGTERM/SIGHUP) stops the clients, still collects
 * the logs and stops every process; a second Ctrl-C kills everything at once. No process outlives
 * the run (runner/processes.ts).
 */
import { setMaxListeners } from "node:events";
import { existsSync, readdirSync, rmSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { Effects } from "../effects.js";
import { ExitCode, FtparseError, usageError } from "../errors.js";
import { runClient, type ClientStats } from "../runner/clients.js";
import { Collector } from "../runner/collect.js";
import { Deployment } from "../runner/deployment.js";
import { injectFailure } from "../runner/faults.js";
import { resolveScenario, type ScenarioInput } from "../runner/loadScenario.js";
import { killAllGroupsNow } from "../runner/processes.js";
import { scenarioDirName, type Scenario } from "../runner/scenario.js";
import { TestLog } from "../runner/testLog.js";
import { createWorkDir } from "../runner/workDir.js";

export interface RunOptions {
  scenario: ScenarioInput;
  out: string;
  force: boolean;
}

/** Where the results were written, and whether the run was interrupted (its results are partial). */
export interface RunResult {
  dir: string;
  interrupted: boolean;
}

/**
 * Run one scenario and write its results in the legacy layout. The summary of what was produced is
 * the main job's report, run by the CLI after this (cli/run.ts): no command calls another.
 */
export async function run(options: RunOptions, effects: Effects): Promise<RunResult> {
  // on a terminal, from the start of a cleared line: the client ticker may be drawn there
  const note = (text: string) =>
    effects.stderr.write(`${effects.stderrIsTTY ? "\r\u001b[2K" : ""}ftparse run: ${text}\n`);

  // 1. the scenario (all validation happens before anything starts)
  const scenario = await resolveScenario(options.scenario);
  const dir = await prepareResultDir(resolve(options.out), scenarioDirName(scenario), options.force);
  const testName = scenarioDirName(scenario);
  note(describe(scenario));

  // (the temporary folders of runners killed earlier are removed first)
  const workDir = createWorkDir();
  // Removed in `finally`, and on a hard exit (second Ctrl-C) too.
  const removeWorkDir = () => rmSync(workDir, { recursive: true, force: true });
  process.on("exit", removeWorkDir);
  const testLog = new TestLog(join(dir, "test.log.txt"));
  const deployment = new Deployment(scenario, workDir, testLog);
  const collector = new Collector(dir, deployment);
  const interrupt = new Interrupt(note);
  try {
    // 2. deploy and wait until every pod is ready
    testLog.deploymentStarting(`<ftparse.runner.DeploymentSpec ${scenario.deployment}>`);
    testLog.write("ManagedDeployment", JSON.stringify(specSummary(scenario)));
    testLog.write("ManagedDeployment", "Deployment Started fault-tolerance-test");
    testLog.write("ManagedDeployment", "Waiting for Deployment fault-tolerance-test");
    const t0 = Date.now();
    await deployment.start();
    await waitReady(
      deployment,
      scenario.controller.readyTimeoutS,
      interrupt.signal,
      () => collector.collectAll(),
      dir,
    );
    if (!interrupt.signal.aborted) {
      testLog.deploymentReady();
      note(`deployment ready after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }

    // 3. clients, and 4. the fault at its time
    if (!interrupt.signal.aborted) {
      await driveLoad(
        scenario,
        { dir, testName, deployment, collector, testLog, effects, note },
        interrupt.signal,
      );
    }

    // 5. collect the logs in the legacy layout, then 6. stop everything
    await collector.collectAll();
    testLog.write("ManagedDeployment", "Deleting Deployment fault-tolerance-test");
  } finally {
    await deployment.stop();
    interrupt.dispose();
    removeWorkDir();
    process.off("exit", removeWorkDir);
  }
  if (interrupt.signal.aborted) {
    note(`interrupted: partial results in ${dir}`);
    return { dir, interrupted: true };
  }
  note(`results in ${dir}`);
  return { dir, interrupted: false };
}

interface RunContext {
  dir: string;
  testName: string;
  deployment: Deployment;
  collector: Collector;
  testLog: TestLog;
  effects: Effects;
  note: (text: string) => void;
}

/** Start the clients, inject the fault at its time (if the clients are still running), wait for them. */
async function driveLoad(scenario: Scenario, ctx: RunContext, signal: AbortSignal): Promise<void> {
  const { deployment, testLog, testName, effects, note } = ctx;
  const stats: ClientStats = { requests: 0, attemptsOk: 0, attemptsFailed: 0 };
  const started = Date.now();
  testLog.write(
    testName,
    `Starting ${scenario.load.clients} clients, ${scenario.load.requestsPerClient} requests each`,
  );
  let finished = false;
  const clientsDone = Promise.all(
    Array.from({ length: scenario.load.clients }, (_, i) =>
      runClient(i, ctx.dir, scenario.load, scenario.model, deployment, stats, signal),
    ),
  ).then(() => void (finished = true));
  const ticker = effects.stderrIsTTY ? startTicker(effects, stats, deployment, started) : undefined;
  try {
    const fault = scenario.failure;
    if (fault) {
      await Promise.race([clientsDone, delay(Math.max(0, started + fault.time * 1000 - Date.now()), signal)]);
      if (finished) {
        note(
          `the clients finished before ${fault.time} s: no fault was injected (use more --requests or an earlier --fault-at)`,
        );
      } else if (!signal.aborted) {
        const r = await injectFailure(fault, deployment, ctx.collector, testLog, testName);
        const what =
          fault.command === "delete_pod"
            ? "deleted pod"
            : `${fault.signal} to pid ${r.pids.join(", ") || "—"} in`;
        note(`injected ${fault.name} at ${fault.time} s: ${what} ${r.pods.join(", ")}`);
        for (const p of r.problems) effects.warnings.add({ message: `fault injection: ${p}` });
      }
    }
    await clientsDone;
  } finally {
    if (ticker) clearTicker(ticker, effects);
  }
  const counts = `${stats.requests} requests, ${stats.attemptsOk} attempts ok, ${stats.attemptsFailed} failed`;
  testLog.write(testName, `Clients finished: ${counts}`);
  note(`clients done: ${counts}`);
}

async function prepareResultDir(out: string, name: string, force: boolean): Promise<string> {
  const dir = join(out, name);
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    if (!force) {
      throw usageError(`${dir} already exists`, "pass --force to replace it, or choose another --out");
    }
    rmSync(dir, { recursive: true, force: true });
  }
  await mkdir(dir, { recursive: true });
  return dir;
}

async function waitReady(
  deployment: Deployment,
  timeoutS: number,
  signal: AbortSignal,
  collect: () => Promise<void>,
  dir: string,
): Promise<void> {
  const deadline = Date.now() + timeoutS * 1000;
  while (!deployment.allReady()) {
    if (signal.aborted) return;
    if (Date.now() > deadline) {
      await collect();
      throw new FtparseError(
        `the deployment was not ready after ${timeoutS} s: ${deployment.notReady().join(", ")}`,
        {
          exitCode: ExitCode.Usage,
          hint: `the pod logs are in ${dir}; raise controller.readyTimeoutS if it is just slow`,
        },
      );
    }
    await delay(100, signal);
  }
}

/** Ctrl-C, SIGTERM, SIGHUP: the first stops the run gracefully, the second kills everything now. */
class Interrupt {
  private readonly controller = new AbortController();
  private readonly handler = (sig: NodeJS.Signals) => {
    if (this.controller.signal.aborted) {
      killAllGroupsNow();
      process.exit(ExitCode.Interrupted);
    }
    this.note(
      `${sig}: stopping the clients, collecting logs and stopping the deployment (again to kill at once)`,
    );
    this.controller.abort();
  };
  readonly signal = this.controller.signal;

  constructor(private readonly note: (text: string) => void) {
    // Every client loop and timer listens for the abort: more than the default 10 listeners.
    setMaxListeners(0, this.signal);
    for (const s of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(s, this.handler);
  }

  dispose(): void {
    for (const s of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.off(s, this.handler);
  }
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(t);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal.addEventListener("abort", done);
  });
}

function describe(s: Scenario): string {
  const services = s.services
    .map((x) => `${x.name}×${x.replicas}${x.command ? " (command)" : ""}`)
    .join(", ");
  const fault = s.failure
    ? `${s.failureName} at ${s.failure.time} s (${s.failure.command === "delete_pod" ? "delete pod" : `${s.failure.signal} '${s.failure.command}'`} in ${s.failure.podName})`
    : "none";
  return `${s.deployment} [${services}], failure ${fault}, ${s.load.clients} clients × ${s.load.requestsPerClient} requests`;
}

/** What the test log records of the spec (the reference logs the DGD dict). */
function specSummary(s: Scenario) {
  return {
    deployment: s.deployment,
    model: s.model,
    services: Object.fromEntries(
      s.services.map((x) => [
        x.name,
        { role: x.role, replicas: x.replicas, command: x.command ?? "built-in" },
      ]),
    ),
    load: s.load,
    timing: s.timing,
    controller: s.controller,
  };
}

function startTicker(
  effects: Effects,
  stats: ClientStats,
  deployment: Deployment,
  t0: number,
): NodeJS.Timeout {
  return setInterval(() => {
    const t = Math.round((Date.now() - t0) / 1000);
    const fe = deployment.readyPods("frontend").length;
    const ready = deployment.pods.filter((p) => p.ready).length;
    effects.stderr.write(
      `\r  ${t}s  requests ${stats.requests}  attempts ok ${stats.attemptsOk}  failed ${stats.attemptsFailed}  ` +
        `ready pods ${ready}/${deployment.pods.length} (frontends ${fe})   `,
    );
  }, 1000);
}

function clearTicker(t: NodeJS.Timeout, effects: Effects): void {
  clearInterval(t);
  effects.stderr.write("\r\x1b[K");
}

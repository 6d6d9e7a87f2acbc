/**
 * The local deployment: for each service a ReplicaSet (a fixed template hash, `replicas` pods), each
 * pod a supervised container (pod.ts). Deleting a pod makes the ReplicaSet create a replacement with a
 * new name and a new port after `podStartDelayS`. Pods of built-in services run the node servers of
 * servers/; pods of services with a `command` run it with /bin/sh -c.
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { podName, replicaSetName } from "./names.js";
import { Pod, type ContainerRun, type Launch, type PodEvents } from "./pod.js";
import { freePort, portIsFree } from "./ports.js";
import type { Role, Scenario, ServiceSpec } from "./scenario.js";
import { CONFIG_ENV, type SimConfig } from "./servers/config.js";
import type { TestLog } from "./testLog.js";

/**
 * A server's script: dist/src/runner/servers/<name>.js. Found from this module's location, which is
 * dist/src/runner/ when loaded from tsc's output and dist/src/ when loaded from the bundled CLI
 * (scripts/bundle.mjs), so both places are tried.
 */
const serverScript = (name: string) => {
  const local = fileURLToPath(new URL(`./servers/${name}.js`, import.meta.url));
  return existsSync(local) ? local : fileURLToPath(new URL(`./runner/servers/${name}.js`, import.meta.url));
};

export class Deployment {
  /** Live pods (deleted ones leave this list), in creation order. */
  readonly pods: Pod[] = [];
  private readonly replicaSets = new Map<string, string>();
  private stopping = false;
  private readonly discoveryDir: string;

  constructor(
    readonly scenario: Scenario,
    private readonly workDir: string,
    private readonly testLog: TestLog,
  ) {
    this.discoveryDir = join(workDir, "discovery");
    mkdirSync(this.discoveryDir, { recursive: true });
  }

  /** Create every ReplicaSet and its pods; containers start at once. */
  async start(): Promise<void> {
    for (const svc of this.scenario.services) {
      const rs = replicaSetName(svc.name);
      this.replicaSets.set(svc.name, rs);
      for (let i = 0; i < svc.replicas; i++) await this.createPod(svc, rs);
    }
  }

  launchOf(pod: Pod): Launch {
    return pod.currentLaunch;
  }

  podsOf(service: string): Pod[] {
    return this.pods.filter((p) => p.service.name === service).sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  /** Ready pods of a role, by name (the reference client round-robins over ready frontend pods). */
  readyPods(role: Role): Pod[] {
    return this.pods
      .filter((p) => p.service.role === role && p.ready)
      .sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  allReady(): boolean {
    return this.scenario.services.every((svc) => {
      const pods = this.podsOf(svc.name);
      return pods.length === svc.replicas && pods.every((p) => p.ready);
    });
  }

  /** Pods that keep the deployment from being ready, with why. */
  notReady(): string[] {
    return this.pods
      .filter((p) => !p.ready)
      .map(
        (p) =>
          `${p.name} (${p.service.name}: ${p.running ? "running, not ready" : (p.waitingReason ?? "not running")})`,
      );
  }

  /** Force-delete a pod (no grace period) and let its ReplicaSet replace it. */
  async deletePod(pod: Pod): Promise<void> {
    const i = this.pods.indexOf(pod);
    if (i < 0) return;
    this.pods.splice(i, 1);
    this.testLog.write("ManagedDeployment", `Deleting pod ${pod.name} (force, no grace period)`);
    await pod.terminate("SIGKILL", 0);
    setTimeout(() => {
      if (this.stopping) return;
      void this.createPod(pod.service, pod.replicaSet).then((p) =>
        this.testLog.write("ReplicaSet", `${pod.replicaSet}: created pod ${p.name} to replace ${pod.name}`),
      );
    }, this.scenario.controller.podStartDelayS * 1000);
  }

  /** SIGTERM every container, SIGKILL what is left after `graceS`; waits until all are gone. */
  async stop(graceS = 2): Promise<void> {
    this.stopping = true;
    await Promise.all(this.pods.map((p) => p.terminate("SIGTERM", graceS)));
  }

  private async createPod(svc: ServiceSpec, rs: string): Promise<Pod> {
    const name = podName(rs);
    const port = await freePort();
    const pod = new Pod(
      name,
      rs,
      svc,
      port,
      { launchFor: (p) => this.launch(svc, name, p), isFree: portIsFree, next: freePort },
      join(this.workDir, "pods", name),
      this.scenario.controller,
      this.events,
    );
    this.pods.push(pod);
    // The deployment may have been stopped while we looked for a port: then never start it.
    if (this.stopping) pod.finished = true;
    else pod.start();
    return pod;
  }

  private launch(svc: ServiceSpec, pod: string, port: number): Launch {
    if (svc.command) {
      const command = svc.command.replaceAll("{port}", String(port));
      return {
        command: "/bin/sh",
        args: ["-c", command],
        env: { ...process.env, ...svc.env, PORT: String(port), POD_NAME: pod },
        display: ["/bin/sh", "-c", command],
        image: "local",
      };
    }
    const { timing, model, namespace } = this.scenario;
    const role = svc.role === "frontend" ? "frontend" : svc.role === "prefill" ? "prefill" : "decode";
    const config: SimConfig = {
      service: svc.name,
      pod,
      role,
      port,
      model,
      namespace,
      discoveryDir: this.discoveryDir,
      leaseTtlS: timing.leaseTtlS,
      startupS: svc.startupS ?? (role === "frontend" ? timing.frontendStartupS : timing.workerStartupS),
      prefillMsPerToken: timing.prefillMsPerToken,
      tpotMs: timing.tpotMs,
      jitter: timing.jitter,
    };
    // The visible arguments carry the process names faults match against, as in the reference.
    const args =
      role === "frontend"
        ? [serverScript("frontend"), "dynamo.frontend"]
        : [
            serverScript("worker"),
            "dynamo.vllm",
            "--model",
            model,
            ...(role === "prefill" ? ["--is-prefill-worker"] : []),
          ];
    return {
      command: process.execPath,
      args,
      env: { ...process.env, ...svc.env, [CONFIG_ENV]: JSON.stringify(config) },
      display: [process.execPath, ...args],
      image: `ftparse/builtin-${role === "frontend" ? "frontend" : "worker"}`,
    };
  }

  private readonly events: PodEvents = {
    containerStarted: (pod: Pod, run: ContainerRun) => {
      if (run.index > 0) {
        this.testLog.write(
          "Kubelet",
          `Started container main of pod ${pod.name} (restart ${pod.restartCount}, pid ${run.pid})`,
        );
      }
    },
    containerExited: (pod: Pod, run: ContainerRun) => {
      if (this.stopping || pod.finished) return;
      this.testLog.write(
        "Kubelet",
        `Container main of pod ${pod.name} exited with code ${run.exitCode} (${run.reason})`,
      );
    },
    restartScheduled: (pod: Pod, delayS: number) => {
      if (delayS > 0) {
        this.testLog.write(
          "Kubelet",
          `Back-off ${delayS}s restarting failed container main in pod ${pod.name}`,
        );
      }
    },
    portChanged: (pod: Pod, from: number) => {
      this.testLog.write(
        "Kubelet",
        `Port ${from} of pod ${pod.name} is taken: restarting container main on port ${pod.port}`,
      );
    },
    readyChanged: (pod: Pod) => {
      if (this.stopping || pod.finished) return;
      this.testLog.write("ManagedDeployment", `Pod ${pod.name} is ${pod.ready ? "ready" : "not ready"}`);
    },
  };
}

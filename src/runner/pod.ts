/**
 * One pod and its container, with the kubelet's behaviour:
 * - the container is a process group (detached child); its stdout+stderr is the container log,
 *   one file per container incarnation (Kubernetes keeps the current and the previous one);
 * - restartPolicy Always: when the container exits, whatever the reason, it is started again after
 *   a back-off (0 s for the first restart, then `restartBackoffS` doubling up to `maxBackoffS`; reset
 *   after 10 minutes of running), and restartCount goes up;
 * - readiness: the container runs, its ready pattern was seen in the current incarnation's log and
 *   its health URL answers 200 (each only if the service defines it), probed every `probePeriodS`;
 * - a restart keeps the pod's port unless it can no longer be bound (taken meanwhile by another
 *   socket): then the container restarts on a new free port, and says so (`portChanged`), instead of
 *   crash-looping on EADDRINUSE. Clients and the frontend find pods by their current port.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import { constants } from "node:os";
import { join } from "node:path";
import { httpGet } from "./http.js";
import { signalGroup, trackGroup, untrackGroup } from "./processes.js";
import type { ControllerSpec, ServiceSpec } from "./scenario.js";

export interface Launch {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** What the pod manifest shows as the container's command. */
  display: string[];
  image: string;
}

export interface ContainerRun {
  index: number;
  pid: number;
  startedAt: Date;
  finishedAt?: Date;
  exitCode?: number;
  reason?: string;
  logFile: string;
}

export interface PodEvents {
  readyChanged(pod: Pod): void;
  containerExited(pod: Pod, run: ContainerRun): void;
  restartScheduled(pod: Pod, delayS: number): void;
  containerStarted(pod: Pod, run: ContainerRun): void;
  portChanged(pod: Pod, from: number): void;
}

/** How a pod gets its launch for a port, and a new port when its own is taken. */
export interface PodPorts {
  launchFor(port: number): Launch;
  isFree(port: number): Promise<boolean>;
  next(): Promise<number>;
}

const BACKOFF_RESET_MS = 10 * 60 * 1000;

export class Pod {
  readonly createdAt = new Date();
  readonly runs: ContainerRun[] = [];
  restartCount = 0;
  ready = false;
  /** Set once the pod is deleted or the deployment stops: no more restarts. */
  finished = false;
  waitingReason: string | undefined = "ContainerCreating";
  private child: ChildProcess | undefined;
  private patternSeen = false;
  private probeOk = false;
  private probeTimer: NodeJS.Timeout | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private backoffIndex = 0;
  private closed: Promise<void> = Promise.resolve();
  private readonly pattern: RegExp | undefined;

  private launch: Launch;

  constructor(
    readonly name: string,
    readonly replicaSet: string,
    readonly service: ServiceSpec,
    public port: number,
    private readonly ports: PodPorts,
    private readonly logDir: string,
    private readonly controller: ControllerSpec,
    private readonly events: PodEvents,
  ) {
    this.launch = ports.launchFor(port);
    this.pattern = service.readyPattern ? new RegExp(service.readyPattern) : undefined;
    mkdirSync(logDir, { recursive: true });
  }

  /** The command, arguments and environment of the current (or next) container. */
  get currentLaunch(): Launch {
    return this.launch;
  }

  get running(): boolean {
    return this.child !== undefined;
  }

  get current(): ContainerRun | undefined {
    return this.runs.at(-1);
  }

  /** The last terminated incarnation before the current one (what `kubectl logs --previous` shows). */
  get previous(): ContainerRun | undefined {
    return this.runs.length >= 2 ? this.runs.at(-2) : undefined;
  }

  url(template: string | undefined): string | undefined {
    return template?.replaceAll("{port}", String(this.port));
  }

  /** Start the container (first start, or a restart). */
  start(): void {
    if (this.finished) return;
    this.waitingReason = undefined;
    const index = this.runs.length;
    const logFile = join(this.logDir, `${index}.log`);
    const log = createWriteStream(logFile);
    const child = spawn(this.launch.command, this.launch.args, {
      env: this.launch.env,
      detached: true, // its own process group: the container boundary
      stdio: ["ignore", "pipe", "pipe"],
    });
    if (child.pid === undefined) {
      // spawn failed (e.g. command not found): handled by the 'error' event below like an exit.
      child.on("error", () => {});
    }
    const run: ContainerRun = { index, pid: child.pid ?? -1, startedAt: new Date(), logFile };
    this.runs.push(run);
    this.child = child;
    this.patternSeen = false;
    this.probeOk = false;
    if (child.pid !== undefined) trackGroup(child.pid);

    let partial = "";
    const onData = (chunk: Buffer) => {
      log.write(chunk);
      if (this.patternSeen || !this.pattern) return;
      const text = partial + chunk.toString("utf8");
      const lines = text.split("\n");
      partial = lines.pop() ?? "";
      if (lines.some((l) => this.pattern!.test(l))) {
        this.patternSeen = true;
        void this.probe();
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);

    let resolveClosed!: () => void;
    this.closed = new Promise((r) => (resolveClosed = r));
    let exited = false;
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      if (exited) return;
      exited = true;
      run.finishedAt = new Date();
      run.exitCode = code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0);
      run.reason = run.exitCode === 0 ? "Completed" : "Error";
      // A container's processes all go with it (its cgroup): kill what is left of the group.
      if (child.pid !== undefined) signalGroup(child.pid, "SIGKILL");
      this.child = undefined;
      this.setReady();
      this.stopProbing();
      this.events.containerExited(this, run);
      // Streams may stay open a moment if a grandchild held them: do not wait for ever.
      const fallback = setTimeout(() => {
        child.stdout?.destroy();
        child.stderr?.destroy();
      }, 2000);
      child.once("close", () => {
        clearTimeout(fallback);
        if (child.pid !== undefined) untrackGroup(child.pid);
        log.end(() => resolveClosed());
        this.scheduleRestart(run);
      });
    };
    child.on("exit", onExit);
    child.on("error", (e) => {
      log.write(`ftparse run: cannot start container: ${e.message}\n`);
      onExit(127, null);
      if (child.pid === undefined) child.emit("close");
    });
    this.startProbing();
    this.events.containerStarted(this, run);
  }

  private scheduleRestart(run: ContainerRun): void {
    if (this.finished) return;
    const ranMs = (run.finishedAt?.getTime() ?? Date.now()) - run.startedAt.getTime();
    if (ranMs >= BACKOFF_RESET_MS) this.backoffIndex = 0;
    const { restartBackoffS, maxBackoffS } = this.controller;
    const delayS =
      this.backoffIndex === 0 ? 0 : Math.min(maxBackoffS, restartBackoffS * 2 ** (this.backoffIndex - 1));
    this.backoffIndex++;
    this.waitingReason = delayS > 0 ? "CrashLoopBackOff" : undefined;
    this.events.restartScheduled(this, delayS);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      void this.restart();
    }, delayS * 1000);
  }

  private async restart(): Promise<void> {
    if (this.finished) return;
    if (!(await this.ports.isFree(this.port))) {
      const from = this.port;
      this.port = await this.ports.next();
      this.launch = this.ports.launchFor(this.port);
      this.events.portChanged(this, from);
    }
    if (this.finished) return;
    this.restartCount++;
    this.start();
  }

  private startProbing(): void {
    this.stopProbing();
    this.probeTimer = setInterval(() => void this.probe(), this.controller.probePeriodS * 1000);
    void this.probe();
  }

  private stopProbing(): void {
    if (this.probeTimer) clearInterval(this.probeTimer);
    this.probeTimer = undefined;
  }

  private async probe(): Promise<void> {
    const child = this.child;
    if (!child) return;
    const url = this.url(this.service.healthUrl);
    if (url) {
      const timeout = Math.min(1000, this.controller.probePeriodS * 1000);
      const res = await httpGet(url, timeout);
      if (this.child !== child) return; // the container changed while we waited
      this.probeOk = res?.status === 200;
    } else {
      this.probeOk = true;
    }
    this.setReady();
  }

  private setReady(): void {
    const ready = this.running && this.probeOk && (this.pattern ? this.patternSeen : true) && !this.finished;
    if (ready !== this.ready) {
      this.ready = ready;
      this.events.readyChanged(this);
    }
  }

  /** Signal the container's main process only (what a fault that names a process does is elsewhere). */
  get mainPid(): number | undefined {
    return this.child?.pid;
  }

  /** Stop for good: `signal` to the group, SIGKILL after `graceS`, and wait for the logs to close. */
  async terminate(signal: NodeJS.Signals, graceS: number): Promise<void> {
    this.finished = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.stopProbing();
    const pid = this.child?.pid;
    if (pid !== undefined) {
      signalGroup(pid, signal);
      const killer = setTimeout(() => signalGroup(pid, "SIGKILL"), graceS * 1000);
      await this.closed;
      clearTimeout(killer);
    } else {
      await this.closed;
    }
    this.setReady();
  }
}

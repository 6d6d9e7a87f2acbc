/**
 * The scenario model of `ftparse run`: what to deploy, how to load it, what to break and when.
 * A scenario comes from a preset (presets.ts: the reference matrix) or a YAML file, which may start
 * from a preset and override any part. Input enters as `unknown` and is narrowed field by field with
 * messages that name the field (docs/development.md#validate-at-the-boundary).
 */
import { usageError } from "../errors.js";

export type Role = "frontend" | "decode" | "prefill" | "other";

export interface ServiceSpec {
  /** DGD service name = result folder name (`Frontend`, `VllmDecodeWorker`, …). */
  name: string;
  role: Role;
  replicas: number;
  /** A command of your own (run with /bin/sh -c; `{port}` is replaced by the pod's port). */
  command?: string;
  /** Readiness probe URL (`{port}` replaced); HTTP 200 = ready. */
  healthUrl?: string;
  /** Prometheus text URL saved as `<pod>.metrics.log` at collection (`{port}` replaced). */
  metricsUrl?: string;
  /** A pod is ready once this regular expression has matched a line of its current container log. */
  readyPattern?: string;
  env: Record<string, string>;
  /** Built-in servers: seconds to start (frontend: HTTP up; worker: model load + engine init). */
  startupS?: number;
}

export interface FailureSpec {
  /** Failure name in the result directory name; no `-` (the parser splits at the last one). */
  name: string;
  /** Seconds after the clients started. */
  time: number;
  /** The service whose pods are hit (the reference calls it pod_name). */
  podName: string;
  /** A substring of the command line of the processes to signal, or `delete_pod`. */
  command: string;
  signal: string;
  /** How many pods of the service are hit. */
  replicas: number;
}

export interface LoadSpec {
  clients: number;
  requestsPerClient: number;
  inputTokens: number;
  outputTokens: number;
  /** Retries after a failed attempt (the legacy harness uses 1: at most two attempts). */
  maxRetries: number;
  retryDelayS: number;
  /** Requests per second per client (≤ 1 by default, as the reference client). */
  maxRequestRate: number;
  timeoutS: number;
}

export interface TimingSpec {
  frontendStartupS: number;
  workerStartupS: number;
  prefillMsPerToken: number;
  tpotMs: number;
  jitter: number;
  leaseTtlS: number;
}

export interface ControllerSpec {
  /** Kubelet back-off before the 2nd, 3rd, … restart of a crashed container (doubling, capped). */
  restartBackoffS: number;
  maxBackoffS: number;
  /** Delay before a ReplicaSet's replacement pod starts its container (scheduling + image). */
  podStartDelayS: number;
  probePeriodS: number;
  readyTimeoutS: number;
}

export interface Scenario {
  /** Deployment name = test group (`agg-tp-1-dp-2`). */
  deployment: string;
  failure: FailureSpec | null;
  failureName: string;
  model: string;
  namespace: string;
  services: ServiceSpec[];
  load: LoadSpec;
  timing: TimingSpec;
  controller: ControllerSpec;
}

export const SIGNALS = [
  "SIGINT",
  "SIGTERM",
  "SIGKILL",
  "SIGQUIT",
  "SIGHUP",
  "SIGUSR1",
  "SIGUSR2",
  "SIGSTOP",
] as const;
export const DELETE_POD = "delete_pod";

/** `test_fault_scenario[<deployment>-<failure>]`, the reference directory name. */
export function scenarioDirName(s: Scenario): string {
  return `test_fault_scenario[${s.deployment}-${s.failureName}]`;
}

// ---------------------------------------------------------------------------------------------------
// Narrowing helpers: each names the field it checks.

type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function checkKeys(where: string, v: Obj, allowed: readonly string[]): void {
  for (const k of Object.keys(v)) {
    if (!allowed.includes(k)) {
      throw usageError(`${where}: unknown key "${k}"`, `allowed keys: ${allowed.join(", ")}`);
    }
  }
}

export function num(where: string, v: unknown, opts: { min?: number; int?: boolean } = {}): number {
  const n = typeof v === "string" && v.trim() !== "" ? Number(v) : v;
  if (typeof n !== "number" || !Number.isFinite(n))
    throw usageError(`${where} must be a number, got ${show(v)}`);
  if (opts.int && !Number.isInteger(n)) throw usageError(`${where} must be a whole number, got ${show(v)}`);
  if (opts.min !== undefined && n < opts.min)
    throw usageError(`${where} must be ≥ ${opts.min}, got ${show(v)}`);
  return n;
}

export function str(where: string, v: unknown): string {
  if (typeof v !== "string" || v === "")
    throw usageError(`${where} must be a non-empty string, got ${show(v)}`);
  return v;
}

function show(v: unknown): string {
  return v === undefined ? "nothing" : JSON.stringify(v);
}

export function name(where: string, v: unknown, pattern: RegExp, what: string): string {
  const s = str(where, v);
  if (!pattern.test(s)) throw usageError(`${where} "${s}" is not valid: ${what}`);
  return s;
}

/** Deployment names: letters, digits, `-`, `_`, `.` (they become part of a directory name). */
export const DEPLOYMENT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** Failure names: no `-`, since the reference parser takes the failure after the last `-`. */
export const FAILURE_NAME = /^[A-Za-z0-9_]+$/;
/** Service names become folder names and pod-name parts. */
export const SERVICE_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** Check cross-field rules once a scenario is complete. */
export function validateScenario(s: Scenario): Scenario {
  const names = new Set(s.services.map((x) => x.name));
  if (names.size !== s.services.length) throw usageError("services: two services have the same name");
  if (!s.services.some((x) => x.role === "frontend")) {
    throw usageError("services: no service has role frontend", "clients need a frontend to send requests to");
  }
  const f = s.failure;
  if (f) {
    const target = s.services.find((x) => x.name === f.podName);
    if (!target) {
      throw usageError(
        `failure.podName "${f.podName}" is not a service of this deployment`,
        `services: ${[...names].join(", ")}`,
      );
    }
    if (f.replicas > target.replicas) {
      throw usageError(
        `failure.replicas (${f.replicas}) is more than ${target.name}'s replicas (${target.replicas})`,
      );
    }
  }
  return s;
}

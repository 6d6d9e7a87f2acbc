/**
 * The reference matrix (Dynamo's `deploy/scenarios.py`): deployments `agg|disagg-tp-1-dp-1|2` and
 * failures `none`, `frontend`, `frontend_pod`, `decode_worker`, … with the reference's targets,
 * commands and signals. Defaults keep a run short on a laptop (about a minute) while keeping the
 * reference's shape: 1 request/s per client, 100 output tokens at ~10 ms each, one retry.
 */
import { usageError } from "../errors.js";
import {
  DELETE_POD,
  type ControllerSpec,
  type FailureSpec,
  type LoadSpec,
  type ServiceSpec,
  type TimingSpec,
} from "./scenario.js";

export const DEFAULT_MODEL = "Qwen/Qwen3-0.6B";

export const DEFAULT_LOAD: LoadSpec = {
  clients: 10,
  requestsPerClient: 40,
  inputTokens: 100,
  outputTokens: 100,
  maxRetries: 1,
  retryDelayS: 1,
  maxRequestRate: 1,
  timeoutS: 30,
};

export const DEFAULT_TIMING: TimingSpec = {
  frontendStartupS: 0.5,
  workerStartupS: 4,
  prefillMsPerToken: 0.5,
  tpotMs: 10,
  jitter: 0.1,
  leaseTtlS: 5,
};

export const DEFAULT_CONTROLLER: ControllerSpec = {
  restartBackoffS: 10,
  maxBackoffS: 300,
  podStartDelayS: 1,
  probePeriodS: 1,
  readyTimeoutS: 120,
};

/** Seconds after the clients start (the reference waits 30 s; shorter here to keep runs short). */
export const DEFAULT_FAULT_AT = 20;

/** Ready lines of the built-in servers: the patterns the reference parser looks for. */
export const READY = {
  frontend: "added model",
  worker: "VllmWorker for (?<model_name>.*?) has been initialized",
};

const builtin = (name: string, role: ServiceSpec["role"], replicas: number): ServiceSpec => ({
  name,
  role,
  replicas,
  env: {},
});

export const DEPLOYMENTS: Record<string, { description: string; services: ServiceSpec[] }> = {
  "agg-tp-1-dp-1": {
    description: "1 frontend, 1 aggregated decode worker",
    services: [builtin("Frontend", "frontend", 1), builtin("VllmDecodeWorker", "decode", 1)],
  },
  "agg-tp-1-dp-2": {
    description: "2 frontends, 2 aggregated decode workers",
    services: [builtin("Frontend", "frontend", 2), builtin("VllmDecodeWorker", "decode", 2)],
  },
  "disagg-tp-1-dp-1": {
    description: "1 frontend, 1 decode worker, 1 prefill worker",
    services: [
      builtin("Frontend", "frontend", 1),
      builtin("VllmDecodeWorker", "decode", 1),
      builtin("VllmPrefillWorker", "prefill", 1),
    ],
  },
  "disagg-tp-1-dp-2": {
    description: "2 frontends, 2 decode workers, 2 prefill workers",
    services: [
      builtin("Frontend", "frontend", 2),
      builtin("VllmDecodeWorker", "decode", 2),
      builtin("VllmPrefillWorker", "prefill", 2),
    ],
  },
};

type FailurePreset = Omit<FailureSpec, "time" | "name"> & { description: string };

const failure = (podName: string, command: string, signal: string, description: string): FailurePreset => ({
  podName,
  command,
  signal,
  replicas: 1,
  description,
});

/** Reference failures (scenarios.py): target service, process command substring (or delete_pod), signal. */
export const FAILURES: Record<string, FailurePreset | null> = {
  none: null,
  frontend: failure(
    "Frontend",
    "dynamo.frontend",
    "SIGINT",
    "SIGINT to the frontend process; kubelet restarts it",
  ),
  frontend_pod: failure(
    "Frontend",
    DELETE_POD,
    "SIGINT",
    "delete a frontend pod; the ReplicaSet replaces it",
  ),
  decode_worker: failure(
    "VllmDecodeWorker",
    "dynamo.vllm",
    "SIGKILL",
    "SIGKILL to a decode worker; restarted",
  ),
  decode_worker_pod: failure(
    "VllmDecodeWorker",
    DELETE_POD,
    "SIGINT",
    "delete a decode worker pod; replaced",
  ),
  prefill_worker: failure(
    "VllmPrefillWorker",
    "dynamo.vllm",
    "SIGKILL",
    "SIGKILL to a prefill worker (disagg)",
  ),
  prefill_worker_pod: failure(
    "VllmPrefillWorker",
    DELETE_POD,
    "SIGINT",
    "delete a prefill worker pod (disagg)",
  ),
  vllm_decode_engine_core: failure(
    "VllmDecodeWorker",
    "VLLM::EngineCore",
    "SIGKILL",
    "SIGKILL to a decode worker's engine core; the worker fails and restarts",
  ),
  vllm_prefill_engine_core: failure(
    "VllmPrefillWorker",
    "VLLM::EngineCore",
    "SIGKILL",
    "SIGKILL to a prefill worker's engine core (disagg)",
  ),
};

export function presetServices(deployment: string): ServiceSpec[] {
  const d = DEPLOYMENTS[deployment];
  if (!d) {
    throw usageError(
      `unknown deployment "${deployment}"`,
      `presets: ${Object.keys(DEPLOYMENTS).join(", ")} (or describe your own in a --scenario file)`,
    );
  }
  return d.services.map((s) => ({ ...s, env: { ...s.env } }));
}

export function presetFailure(name: string, time: number): FailureSpec | null {
  if (!(name in FAILURES)) {
    throw usageError(
      `unknown failure "${name}"`,
      `presets: ${Object.keys(FAILURES).join(", ")} (or describe your own in a --scenario file)`,
    );
  }
  const f = FAILURES[name];
  if (!f) return null;
  return { name, time, podName: f.podName, command: f.command, signal: f.signal, replicas: f.replicas };
}

/** The `ftparse run --list` text. */
export function presetList(): string {
  const lines = ["Deployments (--deployment):"];
  for (const [name, d] of Object.entries(DEPLOYMENTS)) lines.push(`  ${name.padEnd(26)} ${d.description}`);
  lines.push("", "Failures (--failure):");
  for (const [name, f] of Object.entries(FAILURES)) {
    lines.push(`  ${name.padEnd(26)} ${f ? f.description : "no fault: the baseline"}`);
  }
  return lines.join("\n") + "\n";
}

/** Built-in services probe `/health`, expose `/metrics` and print the reference ready lines. */
export function withBuiltinDefaults(services: ServiceSpec[]): ServiceSpec[] {
  return services.map((s) => {
    if (s.command) return s;
    return {
      ...s,
      healthUrl: s.healthUrl ?? "http://127.0.0.1:{port}/health",
      metricsUrl: s.metricsUrl ?? "http://127.0.0.1:{port}/metrics",
      readyPattern: s.readyPattern ?? (s.role === "frontend" ? READY.frontend : READY.worker),
    };
  });
}

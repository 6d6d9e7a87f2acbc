/**
 * The plan of one generated legacy scenario: its name, its timeline (deploy start, ready, fault), its
 * pods and their container incarnations, and how clients fare after the fault. The writers
 * (clientLog.ts, podFiles.ts, testLog.ts) turn a plan into files; they make no decisions of their own.
 *
 * The behaviours imitate fixtures/samples/legacy (the reference suite's k8s runs): a SIGINT'd frontend
 * refuses connections until its port-forward comes back, a killed decode worker gives "no responders"
 * then "Model not found" until it re-registers, a redundant (dp-2) deployment loses only in-flight
 * requests, and so on.
 */
import { Random } from "./random.js";

/** Deployments and failures of the reference suite (docs/layouts/legacy.md#directory-name), in its order. */
export const DEPLOYMENTS = [
  "agg-tp-1-dp-1",
  "disagg-tp-1-dp-1",
  "agg-tp-2-dp-1",
  "disagg-prefill-tp-2-decode-tp-2-dp-1",
  "agg-tp-4-dp-1",
  "disagg-prefill-tp-4-decode-tp-4-dp-1",
  "agg-tp-1-dp-2",
  "disagg-tp-1-dp-2",
] as const;

export const FAILURES = [
  "none",
  "frontend",
  "frontend_pod",
  "decode_worker",
  "decode_worker_pod",
  "prefill_worker",
  "prefill_worker_pod",
  "vllm_decode_engine_core",
  "vllm_prefill_engine_core",
] as const;

/** Every (deployment, failure) pair the suite runs: prefill failures only on disagg deployments. */
export const MATRIX: readonly { group: string; failure: string }[] = DEPLOYMENTS.flatMap((group) =>
  FAILURES.filter((f) => group.startsWith("disagg") || !f.includes("prefill")).map((failure) => ({
    group,
    failure,
  })),
);

export type ErrorKind = "refused" | "aborted" | "no_responders" | "stream_ended" | "not_found" | "not_ready";

/** From `from` to `to` seconds after the fault, a request fails with `kind` with probability `p`. */
export interface OutagePhase {
  from: number;
  to: number;
  kind: ErrorKind;
  p: number;
}

/** One run of one container: from `start` to `end` (epoch seconds), ready line at `ready`. */
export interface Incarnation {
  start: number;
  ready: number;
  end: number;
  /** How it ended: by the fault (killed / SIGINT) or still running when logs were collected. */
  endedBy: "running" | "sigint" | "sigkill" | "deleted";
}

export interface Pod {
  service: string;
  name: string;
  templateHash: string;
  created: number;
  /** Container runs, oldest first; kubelet keeps the last two (current and previous). */
  incarnations: Incarnation[];
  /** Collected just before deletion (`*.before_delete.*` files). */
  deleted: boolean;
}

export interface ScenarioPlan {
  index: number;
  dirName: string;
  group: string;
  failure: string;
  namespace: string;
  deployStart: number;
  ready: number;
  clientsStart: number;
  fault: number | null;
  /** `Failure(...)` repr fields for the injection line. */
  target: { service: string; command: string; signal: string } | null;
  outage: OutagePhase[];
  pods: Pod[];
  /** Times at which a worker (re-)registered the model: the frontend logs `added model` then. */
  registrations: number[];
  /** Times at which the model lost its last worker: the frontend logs `removed model`. */
  removals: number[];
  /** When logs were collected (after the clients finished). */
  end: number;
  /** A client whose log ends in a truncated line (the client died mid-write), or -1. */
  truncatedClient: number;
  /** A client whose first request got 503 "Service is not ready", or -1. */
  notReadyClient: number;
}

/** Seconds between the starts of two consecutive scenarios (they run one after another). */
const SCENARIO_SPACING_S = 900;
const BASE_EPOCH_S = Date.UTC(2025, 8, 24, 18, 0, 0) / 1000;

export function planScenario(index: number, seed: number, clients: number, requests: number): ScenarioPlan {
  const rng = new Random(seed, index, 1);
  const { group, failure } = MATRIX[index % MATRIX.length]!;
  const disagg = group.startsWith("disagg");
  const replicas = group.endsWith("dp-2") ? 2 : 1;
  const namespace = disagg ? "vllm-disagg" : "vllm-agg";
  const deployStart = BASE_EPOCH_S + index * SCENARIO_SPACING_S + 10;
  const ready = deployStart + rng.int(150, 200);
  const clientsStart = ready + 1;
  const fault = failure === "none" ? null : clientsStart + 30 + rng.int(0, 1);
  // A client makes `requests` requests of about 1.2 s; allow for the outage's retries.
  const end = clientsStart + Math.ceil(requests * 1.25) + 10;

  const services = ["Frontend", "VllmDecodeWorker", ...(disagg ? ["VllmPrefillWorker"] : [])];
  const pods: Pod[] = [];
  for (const service of services) {
    const templateHash = rng.token(10);
    for (let r = 0; r < replicas; r++) {
      const created = deployStart + 1;
      const start = created + rng.int(5, 15);
      const readyAt = service === "Frontend" ? ready - rng.between(8, 12) : ready - rng.between(2, 6);
      pods.push({
        service,
        name: `fault-tolerance-test-${service.toLowerCase()}-${templateHash}-${rng.token(5)}`,
        templateHash,
        created,
        incarnations: [{ start, ready: readyAt, end, endedBy: "running" }],
        deleted: false,
      });
    }
  }
  const registrations = [
    Math.max(...pods.filter((p) => p.service !== "Frontend").map((p) => p.incarnations[0]!.ready)),
  ];
  const removals: number[] = [];

  let target: ScenarioPlan["target"] = null;
  const outage: OutagePhase[] = [];
  if (fault !== null) {
    const service = failure.startsWith("frontend")
      ? "Frontend"
      : failure.includes("prefill")
        ? "VllmPrefillWorker"
        : "VllmDecodeWorker";
    const isPod = failure.endsWith("_pod");
    const isEngine = failure.includes("engine_core");
    const command = isPod
      ? "delete_pod"
      : service === "Frontend"
        ? "dynamo.frontend"
        : isEngine
          ? "VLLM::EngineCore"
          : "dynamo.vllm";
    target = { service, command, signal: service === "Frontend" ? "SIGINT" : "SIGKILL" };

    const victim = pods.find((p) => p.service === service)!;
    const old = victim.incarnations[0]!;
    const back = service === "Frontend" ? fault + rng.between(3, 12) : fault + rng.between(45, 85);
    if (isPod) {
      // The old pod is collected and deleted; its ReplicaSet creates a replacement with a new name.
      old.end = fault;
      old.endedBy = "deleted";
      victim.deleted = true;
      pods.push({
        service,
        name: `fault-tolerance-test-${service.toLowerCase()}-${victim.templateHash}-${rng.token(5)}`,
        templateHash: victim.templateHash,
        created: fault + 1,
        incarnations: [{ start: fault + 2, ready: back, end, endedBy: "running" }],
        deleted: false,
      });
    } else {
      // The process dies; kubelet restarts the container in the same pod (restartCount 1).
      old.end = fault;
      old.endedBy = target.signal === "SIGINT" ? "sigint" : "sigkill";
      victim.incarnations.push({ start: fault + 1, ready: back, end, endedBy: "running" });
    }
    if (service !== "Frontend") {
      if (replicas === 1) removals.push(fault + rng.between(3, 8));
      registrations.push(back + rng.between(0.05, 0.4));
    } else {
      registrations.push(back + rng.between(0.01, 0.05));
    }

    const sole = replicas === 1;
    const gone = back - fault;
    if (service === "Frontend") {
      outage.push({ from: 0, to: 1.5, kind: "aborted", p: sole ? 1 : 0.5 });
      // Without a second frontend the port-forward breaks and clients see port 0 (refused) for a while.
      if (sole) outage.push({ from: 1.5, to: rng.between(25, 75), kind: "refused", p: 1 });
    } else if (service === "VllmDecodeWorker") {
      outage.push({ from: 0, to: 1.5, kind: "stream_ended", p: sole ? 1 : 0.5 });
      outage.push({ from: 1.5, to: 6, kind: "no_responders", p: sole ? 1 : 0.3 });
      if (sole) outage.push({ from: 6, to: gone, kind: "not_found", p: 1 });
    } else {
      outage.push({ from: 0, to: rng.between(4, 9), kind: "no_responders", p: sole ? 1 : 0.3 });
    }
  }

  return {
    index,
    dirName: `test_fault_scenario[${group}-${failure}]`,
    group,
    failure,
    namespace,
    deployStart,
    ready,
    clientsStart,
    fault,
    target,
    outage,
    pods,
    registrations,
    removals,
    end,
    truncatedClient: index % 10 === 1 && clients > 3 ? 3 : -1,
    notReadyClient: rng.chance(0.25) ? rng.int(0, clients - 1) : -1,
  };
}

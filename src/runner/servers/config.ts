/**
 * What the runner tells a built-in server (frontend, worker, engine core) when it starts it: one JSON
 * object in the FTPARSE_SIM environment variable. The process's visible arguments stay short and
 * carry the names a fault is matched against (`dynamo.frontend`, `dynamo.vllm`, `VLLM::EngineCore`).
 */

export const CONFIG_ENV = "FTPARSE_SIM";

export interface SimConfig {
  /** The DGD service (folder) name, e.g. `VllmDecodeWorker`. */
  service: string;
  pod: string;
  role: "frontend" | "decode" | "prefill";
  port: number;
  model: string;
  /** Dynamo namespace shown in log fields and metric labels. */
  namespace: string;
  /** Folder shared by workers (who register there) and frontends (who watch it): our "etcd". */
  discoveryDir: string;
  /** A registration whose heartbeat is older than this is dead (etcd lease TTL). */
  leaseTtlS: number;
  /** Frontend: seconds before the HTTP service starts. Worker: model load + engine init. */
  startupS: number;
  /** Prefill time per prompt token (ms). */
  prefillMsPerToken: number;
  /** Decode time per output token (ms): one engine step. */
  tpotMs: number;
  /** Relative random jitter applied to startup and step times (0 = none). */
  jitter: number;
}

export function readConfig(): SimConfig {
  const raw = process.env[CONFIG_ENV];
  if (!raw) {
    process.stderr.write(`this is a built-in server of \`ftparse run\`; it expects ${CONFIG_ENV}\n`);
    process.exit(2);
  }
  return JSON.parse(raw) as SimConfig;
}

/** `base` ± `jitter` (relative), never negative. */
export function jittered(base: number, jitter: number): number {
  return Math.max(0, base * (1 + jitter * (Math.random() * 2 - 1)));
}

/**
 * Exit when the runner that started us is gone (it was SIGKILLed and could not clean up): our parent
 * pid changes when we are re-parented. A built-in server must never outlive its run.
 */
export function exitWithParent(onOrphaned: () => void = () => process.exit(0)): void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== parent) onOrphaned();
  }, 1000);
  timer.unref();
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Pod YAML → container incarnations. YAML is the one input DuckDB cannot read, so this is parsed in
 * JS (files are a few KB each). Input enters as `unknown` and is narrowed field by field.
 *
 * Parser: a line scanner for the shapes kubectl writes (podYamlScan.ts), and js-yaml with its YAML 1.2
 * core schema (timestamps stay strings) for every other document; the scanner gives js-yaml's own
 * result or none. js-yaml is several times faster than the `yaml` package on these manifests, and the
 * scanner several times faster again (docs/performance.md#measurements-behind-the-code), which matters
 * because this runs on the main thread.
 */
import { readFileSync } from "node:fs";
import { CORE_SCHEMA, load } from "js-yaml";
import { scanPodYaml } from "./podYamlScan.js";

export interface ContainerRow {
  container: string;
  incarnation: "current" | "last_terminated";
  restartCount: number | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  exitCode: number | null;
  reason: string | null;
}

export interface PodYaml {
  podName: string | null;
  /** status.podIP: how server-metrics endpoints (http://<ip>:<port>/metrics) are tied to pods. */
  podIp: string | null;
  containers: ContainerRow[];
}

/**
 * Read and parse one pod manifest. Throws with a readable message when it is not a pod manifest.
 * Synchronous: the manifests are read while DuckDB's statements occupy Node's thread pool (the
 * node-api runs them there), so an asynchronous read queues behind them and costs the main thread
 * several times the CPU of a synchronous one (docs/performance.md#measurements-behind-the-code).
 * The caller gives way to the event loop between files (serviceFolders.ts).
 */
export function readPodYamlSync(file: string): PodYaml {
  return parsePodYaml(readFileSync(file, "utf8"));
}

export function parsePodYaml(text: string): PodYaml {
  const doc: unknown = scanPodYaml(text) ?? load(text, { schema: CORE_SCHEMA });
  if (!isObject(doc)) throw new Error("not a YAML mapping");
  const podName = str(get(doc, "metadata", "name"));
  const statuses = get(doc, "status", "containerStatuses");
  const containers: ContainerRow[] = [];
  if (Array.isArray(statuses)) {
    for (const s of statuses) {
      if (!isObject(s)) continue;
      const name = str(s.name) ?? "main";
      const restartCount = num(s.restartCount);
      const state = s.state;
      const running = get(state, "running");
      const terminated = get(state, "terminated");
      containers.push({
        container: name,
        incarnation: "current",
        restartCount,
        startedAt: time(get(running, "startedAt")) ?? time(get(terminated, "startedAt")),
        finishedAt: time(get(terminated, "finishedAt")),
        exitCode: num(get(terminated, "exitCode")),
        reason: str(get(terminated, "reason")) ?? str(get(state, "waiting", "reason")),
      });
      const last = get(s, "lastState", "terminated");
      if (isObject(last)) {
        containers.push({
          container: name,
          incarnation: "last_terminated",
          restartCount,
          startedAt: time(last.startedAt),
          finishedAt: time(last.finishedAt),
          exitCode: num(last.exitCode),
          reason: str(last.reason),
        });
      }
    }
  } else if (statuses !== undefined && statuses !== null) {
    throw new Error("status.containerStatuses is not a list");
  }
  return { podName, podIp: str(get(doc, "status", "podIP")), containers };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function get(v: unknown, ...path: string[]): unknown {
  let cur = v;
  for (const key of path) {
    if (!isObject(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

function str(v: unknown): string | null {
  return typeof v === "string" ? v : null;
}

function num(v: unknown): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

function time(v: unknown): Date | null {
  // The yaml package keeps RFC 3339 stamps as strings (core schema); quoted or not, parse them here.
  if (v instanceof Date) return v;
  if (typeof v !== "string") return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}

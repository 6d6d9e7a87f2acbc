/**
 * Per-service pod folders (Frontend/, VllmDecodeWorker/, …), shared by every layout: pod logs and Prometheus snapshots go through DuckDB's readers (queries/ingest_pod_logs.sql,
 * queries/ingest_metrics.sql); pod YAML through podYaml.ts.
 */
import { join } from "node:path";
import type { IngestContext } from "../types.js";
import { fileProblemSync, listEntriesSync, type Entry } from "../fs/entries.js";
import { addIssues, type Issue } from "../issues.js";
import { readPodYamlSync } from "./podYaml.js";
import { loadTexts } from "./textFiles.js";
import { METRIC_LOGS, POD_LOGS } from "../fs/readerPaths.js";
import { msg } from "../../messages.js";
import { giveWay, runTasks, wholeScenarioParts, type Task } from "./lanes.js";

export type ServiceFileKind = "log" | "metrics" | "yaml";

export interface ServiceFile {
  scenarioId: number;
  service: string;
  pod: string;
  file: string;
  kind: ServiceFileKind;
  /**
   * log: current | previous | before_delete | before_delete_previous | start_<unix ts> (one file per
   * container start, event harness); metrics/yaml: current | before_delete.
   */
  incarnation: string;
}

/** A pod's address from its YAML, returned by ingestServiceFiles for the server-metrics endpoints. */
export interface PodAddress {
  scenarioId: number;
  service: string;
  pod: string;
  ip: string;
}

/** The event harness names one log file per container start `<pod>_<unix ts>.log` (dyn_tee.sh). */
const CONTAINER_START_LOG = /^(.+)_(\d{9,})$/;

/**
 * Classify a file name in a service folder (docs/layouts/legacy.md#service-folders): `<pod>{sfx}.log`,
 * `<pod>{sfx}.previous.log`, `<pod>.metrics{sfx}.log`, `<pod>{sfx}.yaml`, `{sfx}` = `` or `.before_delete`.
 * As in the reference, any `.log` whose name contains `metrics` is a metrics file, not a log.
 */
export function classifyServiceFile(
  name: string,
): { kind: ServiceFileKind; pod: string; incarnation: string } | null {
  const dot = name.indexOf(".");
  if (dot <= 0) return null;
  const pod = name.slice(0, dot);
  const rest = name.slice(dot);
  const beforeDelete = rest.includes(".before_delete");
  if (name.endsWith(".yaml") || name.endsWith(".yml")) {
    return { kind: "yaml", pod, incarnation: beforeDelete ? "before_delete" : "current" };
  }
  if (!name.endsWith(".log")) return null;
  if (name.includes("metrics")) {
    return { kind: "metrics", pod, incarnation: beforeDelete ? "before_delete" : "current" };
  }
  const started = CONTAINER_START_LOG.exec(pod);
  if (started && rest === ".log")
    return { kind: "log", pod: started[1]!, incarnation: `start_${started[2]}` };
  const previous = rest.endsWith(".previous.log");
  const incarnation = beforeDelete
    ? previous
      ? "before_delete_previous"
      : "before_delete"
    : previous
      ? "previous"
      : "current";
  return { kind: "log", pod, incarnation };
}

/**
 * The files of every service folder of a scenario. `serviceDirs` are the folder names to read (relative
 * to `scenarioDir`); `serviceName` maps a folder to the service name stored (default: the folder name).
 * What cannot be read is recorded as ingest issues.
 */
export async function listServiceFiles(
  scenarioId: number,
  scenarioDir: string,
  serviceDirs: readonly string[],
  ctx: IngestContext,
  serviceName: (folder: string) => string = (folder) => folder,
): Promise<ServiceFile[]> {
  const { files, issues } = listServiceFilesSync(scenarioId, scenarioDir, serviceDirs, serviceName);
  await addIssues(ctx, issues);
  return files;
}

/** listServiceFiles, returning the issues instead of recording them (synchronous: see entries.ts). */
export function listServiceFilesSync(
  scenarioId: number,
  scenarioDir: string,
  serviceDirs: readonly string[],
  serviceName: (folder: string) => string = (folder) => folder,
): { files: ServiceFile[]; issues: Issue[] } {
  const files: ServiceFile[] = [];
  const issues: Issue[] = [];
  for (const folder of serviceDirs) {
    const dir = join(scenarioDir, folder);
    const service = serviceName(folder);
    let entries: Entry[];
    try {
      entries = listEntriesSync(dir);
    } catch (e) {
      issues.push({ scenarioId, file: dir, message: msg.unlistable(e) });
      continue;
    }
    for (const e of entries) {
      const c = classifyServiceFile(e.name);
      if (!c) continue;
      const problem = fileProblemSync(e);
      if (problem) issues.push({ scenarioId, file: e.path, message: msg.notReadable(problem) });
      else files.push({ scenarioId, service, file: e.path, ...c });
    }
  }
  return { files, issues };
}

/** Load pod logs, metrics snapshots and pod YAML; returns the pod addresses the YAMLs give. */
export async function ingestServiceFiles(
  files: readonly ServiceFile[],
  ctx: IngestContext,
  parsedYamls?: Promise<ParsedYamls>,
): Promise<PodAddress[]> {
  // Started early by the caller when it can, else now: either way the YAML is parsed on this thread
  // while DuckDB reads the logs.
  const yamls = parsedYamls ?? parsePodYamls(files, ctx);
  await runTasks(ctx, serviceFileTasks(files));
  return appendPodYamls(await yamls, ctx);
}

/**
 * The DuckDB work for the pod logs and metrics snapshots among `files`, as independent tasks (see
 * lanes.ts). The Prometheus snapshots are only read for a --db store (ctx.archive): no metric of the
 * report reads them.
 */
export function serviceFileTasks(files: readonly ServiceFile[]): Task[] {
  const logs = files.filter((f) => f.kind === "log");
  const metrics = files.filter((f) => f.kind === "metrics");
  const tasks: Task[] = [];
  const scenarios = new Set(logs.map((f) => f.scenarioId)).size;
  const parts = Math.ceil(scenarios / SCENARIOS_PER_POD_TASK);
  for (const part of wholeScenarioParts(logs, parts, (f) => f.scenarioId))
    tasks.push((ctx) => ingestPodLogs(part, metrics, ctx));
  if (metrics.length > 0)
    tasks.push((ctx) => (ctx.archive ? ingestMetricFiles(metrics, ctx) : Promise.resolve()));
  return tasks;
}

/**
 * Scenarios per pod-log task, about (parts are cut by file count): the lanes share the pod logs (on bench/'s 220-scenario tree they were
 * a third of the ingest's CPU), a task's text is held in memory only while it is parsed, and a
 * statement holds fewer directories open than readerPaths.ts's MAX_OPEN_DIRS.
 */
const SCENARIOS_PER_POD_TASK = 128;

async function ingestPodLogs(
  logs: readonly ServiceFile[],
  metrics: readonly ServiceFile[],
  ctx: IngestContext,
): Promise<void> {
  await ctx.db.append(
    "pod_log_files",
    ["VARCHAR", "BIGINT", "VARCHAR", "VARCHAR", "VARCHAR"],
    logs.map((f) => [f.file, f.scenarioId, f.service, f.pod, f.incarnation]),
  );
  // `*.log` also reaches the folder's metrics logs: checked readable too, dropped by the reader's join.
  await loadTexts(
    logs,
    ctx,
    POD_LOGS,
    metrics.map((f) => f.file),
  );
  await ctx.db.exec("ingest_pod_logs", { run_id: ctx.runId, keep_all: ctx.archive });
}

async function ingestMetricFiles(metrics: readonly ServiceFile[], ctx: IngestContext): Promise<void> {
  await ctx.db.append(
    "metric_files",
    ["VARCHAR", "BIGINT", "VARCHAR", "VARCHAR", "VARCHAR"],
    metrics.map((f) => [f.file, f.scenarioId, f.service, f.pod, f.incarnation]),
  );
  await loadTexts(metrics, ctx, METRIC_LOGS);
  await ctx.db.exec("ingest_metrics", { run_id: ctx.runId });
}

export interface ParsedYamls {
  addresses: PodAddress[];
  containerRows: unknown[][];
  eventRows: unknown[][];
  issueRows: unknown[][];
}

/**
 * Parse the pod manifests among `files` into rows for `containers`, `events` and `ingest_issues`.
 * Never rejects (a bad manifest becomes an issue row), so a caller may start it early and await it
 * later: the parsing then overlaps DuckDB's reading of the client and pod logs.
 */
export async function parsePodYamls(all: readonly ServiceFile[], ctx: IngestContext): Promise<ParsedYamls> {
  const files = all.filter((f) => f.kind === "yaml");
  const addresses: PodAddress[] = [];
  const containerRows: unknown[][] = [];
  const eventRows: unknown[][] = [];
  const issueRows: unknown[][] = [];
  for (const [i, f] of files.entries()) {
    // now and then, as the listing does (giveWay)
    if (i % 16 === 15) await giveWay();
    let pod;
    try {
      pod = readPodYamlSync(f.file);
    } catch (e) {
      issueRows.push([ctx.runId, f.scenarioId, f.file, null, "warning", msg.badYaml((e as Error).message)]);
      continue;
    }
    if (pod.podIp) {
      addresses.push({
        scenarioId: f.scenarioId,
        service: f.service,
        pod: pod.podName ?? f.pod,
        ip: pod.podIp,
      });
    }
    for (const c of pod.containers) {
      const podName = pod.podName ?? f.pod;
      containerRows.push([
        f.scenarioId,
        f.service,
        podName,
        f.incarnation,
        c.container,
        c.incarnation,
        c.restartCount,
        c.startedAt,
        c.finishedAt,
        c.exitCode,
        c.reason,
        f.file,
      ]);
      if (c.startedAt)
        eventRows.push([f.scenarioId, c.startedAt, "container_start", f.service, podName, c.container]);
      if (c.finishedAt) {
        const why = [c.reason, c.exitCode === null ? null : `exit ${c.exitCode}`].filter(Boolean).join(", ");
        eventRows.push([
          f.scenarioId,
          c.finishedAt,
          "container_exit",
          f.service,
          podName,
          `${c.container}: ${why}`,
        ]);
      }
    }
  }
  return { addresses, containerRows, eventRows, issueRows };
}

export async function appendPodYamls(parsed: ParsedYamls, ctx: IngestContext): Promise<PodAddress[]> {
  const { addresses, containerRows, eventRows, issueRows } = parsed;
  const { db } = ctx;
  await db.append(
    "containers",
    [
      "BIGINT",
      "VARCHAR",
      "VARCHAR",
      "VARCHAR",
      "VARCHAR",
      "VARCHAR",
      "INTEGER",
      "TIMESTAMPTZ",
      "TIMESTAMPTZ",
      "INTEGER",
      "VARCHAR",
      "VARCHAR",
    ],
    containerRows,
  );
  await db.append("events", ["BIGINT", "TIMESTAMPTZ", "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR"], eventRows);
  await db.append(
    "ingest_issues",
    ["BIGINT", "BIGINT", "VARCHAR", "BIGINT", "VARCHAR", "VARCHAR"],
    issueRows,
  );
  return addresses;
}

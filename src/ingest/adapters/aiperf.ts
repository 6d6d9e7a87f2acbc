/**
 * The AI-Perf client layout (G1, docs/layouts/aiperf.md): `client_N/attempt_M/` folders written by one
 * `aiperf profile` run per client attempt, next to `test.log.txt` and the per-service pod folders of
 * the legacy layout.
 *
 * Every attempt is loaded (`requests.attempt` = M). The reference summary counts the attempt Dynamo's
 * parser reads (docs/layouts/aiperf.md#attempts, latest rule): per client, the highest-numbered attempt that has a
 * `profile_export_aiperf.json`; the other attempts are kept with `counted = false`.
 */
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import type { Adapter, IngestContext, ScenarioDir } from "../types.js";
import {
  AIPERF_CONSOLE_LOG,
  AIPERF_RECORDS,
  AIPERF_SUMMARY,
  AIPERF_SUMMARY_CSV,
  ingestLoadRuns,
  type LoadRun,
} from "../readers/aiperfRuns.js";
import { ingestServiceFiles, listServiceFiles, type ServiceFile } from "../readers/serviceFolders.js";
import { ingestTestLogs, type TestLogFile } from "../readers/testLog.js";
import { msg } from "../../messages.js";
import { addIssue } from "../issues.js";
import { loadTexts } from "../readers/textFiles.js";
import { ignoreUnreadable, listDirs, listFiles, warnUnreadable } from "../fs/fsList.js";

const CLIENT_DIR = /^client_/;
const ATTEMPT_DIR = /^attempt_(\d+)$/;
const LEGACY_CLIENT_LOG = /^client_.*\.log\.txt$/;

export const aiperfAdapter: Adapter = {
  layout: "aiperf",
  /** Dynamo's indicator (docs/layouts/aiperf.md#detection): a client_* folder with an attempt_* folder holding AI-Perf output. */
  async detect(dir, entries) {
    // A client_* entry that is a file (a legacy client_N.log.txt) has nothing to list.
    const clients = entries.filter((e) => CLIENT_DIR.test(e.name) && (e.isDirectory() || e.isSymbolicLink()));
    for (const { name: client } of clients) {
      const attempts = await listDirs(join(dir, client), ignoreUnreadable);
      for (const a of attempts.filter((x) => x.startsWith("attempt_"))) {
        const files = await listFiles(join(dir, client, a), ignoreUnreadable);
        if ([AIPERF_SUMMARY, AIPERF_SUMMARY_CSV, AIPERF_CONSOLE_LOG].some((f) => files.includes(f)))
          return true;
      }
    }
    return false;
  },
  async ingest(scenarios, ctx) {
    const runs: LoadRun[] = [];
    const testLogs: TestLogFile[] = [];
    const serviceFiles: ServiceFile[] = [];
    for (const s of scenarios) {
      const entries = await readdir(s.dir, { withFileTypes: true });
      const dirs = entries.filter((e) => e.isDirectory()).map((e) => e.name);
      const legacyLogs = entries.filter((e) => e.isFile() && LEGACY_CLIENT_LOG.test(e.name));
      if (legacyLogs.length > 0) {
        await addIssue(ctx, s.scenarioId, s.dir, msg.mixedClientKinds(legacyLogs.length));
      }
      for (const client of dirs.filter((d) => CLIENT_DIR.test(d)).sort()) {
        runs.push(...(await listAttempts(s, client, ctx)));
      }
      testLogs.push({
        scenarioId: s.scenarioId,
        file: join(s.dir, "test.log.txt"),
        problem: entries.some((e) => e.name === "test.log.txt" && e.isFile()) ? undefined : "no test.log.txt",
        dialect: "aiperf",
      });
      const services = dirs.filter((d) => !CLIENT_DIR.test(d));
      serviceFiles.push(...(await listServiceFiles(s.scenarioId, s.dir, services, ctx)));
    }
    await ctx.db.exec("set_layout_variant", {
      scenario_ids: scenarios.map((s) => s.scenarioId),
      variant: "client_attempts",
    });
    await ingestLoadRuns(runs, ctx);
    await ingestTestLogs(testLogs, ctx);
    await ingestServiceFiles(serviceFiles, ctx);
    await ingestContainerGap(scenarios, ctx);
  },
};

/** One client folder's attempts; the counted one is the highest attempt number with a summary JSON. */
async function listAttempts(s: ScenarioDir, client: string, ctx: IngestContext): Promise<LoadRun[]> {
  const clientDir = join(s.dir, client);
  const id = client.slice("client_".length);
  const runs: LoadRun[] = [];
  for (const name of (await listDirs(clientDir, warnUnreadable(ctx, s.scenarioId)))
    .filter((d) => d.startsWith("attempt_"))
    .sort()) {
    const m = ATTEMPT_DIR.exec(name);
    if (!m) {
      await addIssue(ctx, s.scenarioId, join(clientDir, name), msg.badAttemptName);
      continue;
    }
    const dir = join(clientDir, name);
    const files = await listFiles(dir, warnUnreadable(ctx, s.scenarioId));
    runs.push({
      scenarioId: s.scenarioId,
      client: id,
      attempt: Number(m[1]),
      dir,
      counted: false,
      summaryFile: files.includes(AIPERF_SUMMARY) ? join(dir, AIPERF_SUMMARY) : null,
      recordsFile: files.includes(AIPERF_RECORDS) ? join(dir, AIPERF_RECORDS) : null,
    });
  }
  const withSummary = runs.filter((r) => r.summaryFile !== null);
  if (withSummary.length > 0) {
    const read = withSummary.reduce((a, b) => (b.attempt! > a.attempt! ? b : a));
    read.counted = true;
    if (read.recordsFile === null) await addIssue(ctx, s.scenarioId, read.dir, msg.noAiperfRecords);
  } else {
    await addIssue(ctx, s.scenarioId, clientDir, msg.noAiperfSummary);
  }
  // A client folder without attempts still counts as a client in Dynamo's table.
  if (runs.length === 0) {
    runs.push({
      scenarioId: s.scenarioId,
      client: id,
      attempt: null,
      dir: clientDir,
      counted: false,
      summaryFile: null,
      recordsFile: null,
    });
  }
  return runs;
}

/**
 * The two pod-log facts Dynamo's AI-Perf parser computes its Recovery from (docs/layouts/aiperf.md#dynamo-recovery), in
 * the folder named by the fault line's `pod_name`: the last JSON log line of the previous container
 * and the first of the current one (queries/ingest_container_gap.sql → events).
 */
async function ingestContainerGap(scenarios: readonly ScenarioDir[], ctx: IngestContext): Promise<void> {
  const byId = new Map(scenarios.map((s) => [s.scenarioId, s]));
  const targets = await ctx.db.all("aiperf_fault_folders", {
    scenario_ids: scenarios.map((s) => s.scenarioId),
  });
  const rows: unknown[][] = [];
  for (const t of targets) {
    const s = byId.get(Number(t.scenario_id))!;
    const service = String(t.folder);
    // The name comes from a log line: only a plain folder name is followed.
    if (service === "." || service === ".." || /[/\\]/.test(service)) continue;
    for (const name of (await listFiles(join(s.dir, service), warnUnreadable(ctx, s.scenarioId))).sort()) {
      if (!name.endsWith(".log")) continue;
      const role = name.endsWith(".previous.log")
        ? "previous"
        : name.endsWith(".metrics.log")
          ? null
          : "current";
      if (role) rows.push([join(s.dir, service, name), s.scenarioId, service, name.split(".")[0], role]);
    }
  }
  if (rows.length === 0) return;
  await ctx.db.append("container_gap_files", ["VARCHAR", "BIGINT", "VARCHAR", "VARCHAR", "VARCHAR"], rows);
  await loadTexts(
    rows.map((r) => ({ file: String(r[0]), scenarioId: Number(r[1]) })),
    ctx,
  );
  await ctx.db.exec("ingest_container_gap");
}

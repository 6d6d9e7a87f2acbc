/**
 * The legacy layout (G0, legacy-layout.md): client_N.log.txt + test.log.txt + per-service pod folders.
 * Builds the file manifests for a batch of scenarios and lets DuckDB read them all in one pass
 * (queries/ingest_client_*.sql): one read_json over every client log of every scenario, not one per file.
 */
import { join } from "node:path";
import type { Adapter, IngestContext } from "./types.js";
import { fileProblem, listEntries, type Entry } from "./entries.js";
import { addIssues, type Issue } from "./issues.js";
import { ingestServiceFiles, listServiceFiles, type ServiceFile } from "./serviceFolders.js";
import { ingestTestLogs, type TestLogFile } from "./testLog.js";
import { loadTexts } from "./textFiles.js";
import { CLIENT_LOGS, readerPathsFor } from "./readerPaths.js";
import { msg } from "../messages.js";

const CLIENT_LOG = /^client_.*\.log\.txt$/;

export const legacyAdapter: Adapter = {
  layout: "legacy",
  async detect(_dir, entries) {
    return entries.some((e) => CLIENT_LOG.test(e)) || entries.includes("test.log.txt");
  },
  async ingest(scenarios, ctx) {
    const clientFiles: [string, number, string][] = [];
    const testLogs: TestLogFile[] = [];
    const serviceFiles: ServiceFile[] = [];
    const issues: Issue[] = [];
    const serviceNames = new Set((await ctx.db.all("service_folder_names")).map((r) => String(r.service)));
    for (const s of scenarios) {
      let entries: Entry[];
      try {
        entries = await listEntries(s.dir);
      } catch (e) {
        issues.push({ scenarioId: s.scenarioId, file: s.dir, message: msg.unlistable(e) });
        continue;
      }
      for (const e of entries) {
        if (!CLIENT_LOG.test(e.name)) continue;
        const problem = await fileProblem(e);
        if (problem)
          issues.push({ scenarioId: s.scenarioId, file: e.path, message: msg.notReadable(problem) });
        else clientFiles.push([e.path, s.scenarioId, clientId(e.name)]);
      }
      const testLog = entries.find((e) => e.name === "test.log.txt");
      testLogs.push({
        scenarioId: s.scenarioId,
        file: join(s.dir, "test.log.txt"),
        problem: testLog ? await testLogProblem(testLog) : "no test.log.txt",
      });
      for (const e of entries) {
        if (serviceNames.has(e.name) && e.kind !== "directory")
          issues.push({ scenarioId: s.scenarioId, file: e.path, message: msg.notAFolder });
      }
      const serviceDirs = entries
        .filter((e) => e.kind === "directory" && !CLIENT_LOG.test(e.name) && e.name !== "test.log.txt")
        .map((e) => e.name);
      serviceFiles.push(...(await listServiceFiles(s.scenarioId, s.dir, serviceDirs, ctx)));
    }
    await addIssues(ctx, issues);
    await ingestClientLogs(clientFiles, ctx);
    await ingestTestLogs(testLogs, ctx);
    await ingestServiceFiles(serviceFiles, ctx);
  },
};

async function testLogProblem(entry: Entry): Promise<string | undefined> {
  const problem = await fileProblem(entry);
  return problem && `test.log.txt ${problem}`;
}

/** `client_3.log.txt` → `3`: the text between the first `_` and the next `.` (as the reference does). */
export function clientId(fileName: string): string {
  const rest = fileName.slice(fileName.indexOf("_") + 1);
  return rest.slice(0, rest.indexOf("."));
}

async function ingestClientLogs(files: [string, number, string][], ctx: IngestContext): Promise<void> {
  if (files.length === 0) return;
  const { db } = ctx;
  await db.append("client_files", ["VARCHAR", "BIGINT", "VARCHAR"], files);
  const paths = await readerPathsFor(
    files.map((f) => f[0]),
    CLIENT_LOGS,
  );
  await db.exec("ingest_client_logs", { paths });
  // Files that may hold blank lines (or are not UTF-8) get the exact line map, so that issues and
  // rows keep their physical line numbers; files that are not UTF-8 are decoded first.
  const needMap = await db.all("client_files_with_blank_lines");
  if (needMap.length > 0) {
    await loadTexts(
      needMap.map((r) => ({ file: String(r.file), scenarioId: Number(r.scenario_id) })),
      ctx,
    );
    await db.exec("ingest_client_line_map");
  }
  await db.exec("ingest_client_requests", { tz: ctx.tz, run_id: ctx.runId });
}

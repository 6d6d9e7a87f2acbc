/**
 * The legacy layout (G0, legacy-layout.md): client_N.log.txt + test.log.txt + per-service pod folders.
 * Builds the file manifests for a batch of scenarios and lets DuckDB read them all in one pass
 * (queries/ingest_client_*.sql): one read_json over every client log of every scenario, not one per file.
 */
import { join } from "node:path";
import type { Adapter, IngestContext, ScenarioDir } from "./types.js";
import { fileProblemSync, listEntriesSync, type Entry } from "./entries.js";
import { addIssues, type Issue } from "./issues.js";
import {
  ingestServiceFiles,
  listServiceFilesSync,
  parsePodYamls,
  type ServiceFile,
} from "./serviceFolders.js";
import { ingestTestLogs, type TestLogFile } from "./testLog.js";
import { loadTexts } from "./textFiles.js";
import { CLIENT_LOGS, readerPathsFor } from "./readerPaths.js";
import { msg } from "../messages.js";
import { timed } from "../profile.js";

const CLIENT_LOG = /^client_.*\.log\.txt$/;

export const legacyAdapter: Adapter = {
  layout: "legacy",
  async detect(_dir, entries) {
    return entries.some((e) => CLIENT_LOG.test(e.name) || e.name === "test.log.txt");
  },
  async ingest(scenarios, ctx) {
    const serviceNames = new Set((await ctx.db.all("service_folder_names")).map((r) => String(r.service)));
    const listed = await timed("list", async () => scenarios.map((s) => listScenarioSync(s, serviceNames)));
    await addIssues(
      ctx,
      listed.flatMap((l) => l.issues),
    );
    const serviceFiles = listed.flatMap((l) => l.serviceFiles);
    // Pod YAML is parsed in JS; started first so that it overlaps DuckDB's reading of the client logs.
    const parsedYamls = parsePodYamls(serviceFiles, ctx);
    await ingestClientLogs(
      listed.flatMap((l) => l.clientFiles),
      ctx,
    );
    await ingestTestLogs(
      listed.flatMap((l) => (l.testLog ? [l.testLog] : [])),
      ctx,
    );
    await ingestServiceFiles(serviceFiles, ctx, parsedYamls);
  },
};

interface ListedScenario {
  clientFiles: [string, number, string][];
  testLog?: TestLogFile;
  serviceFiles: ServiceFile[];
  issues: Issue[];
}

/**
 * The files of one legacy scenario directory, each checked readable, and what is wrong with the rest.
 * Synchronous, as the listing is (see entries.ts); the directory's entries come from discovery.
 */
function listScenarioSync(s: ScenarioDir, serviceNames: ReadonlySet<string>): ListedScenario {
  const out: ListedScenario = { clientFiles: [], serviceFiles: [], issues: [] };
  let entries: Entry[];
  try {
    entries = listEntriesSync(s.dir, s.listing);
  } catch (e) {
    out.issues.push({ scenarioId: s.scenarioId, file: s.dir, message: msg.unlistable(e) });
    return out;
  }
  for (const e of entries) {
    if (!CLIENT_LOG.test(e.name)) continue;
    const problem = fileProblemSync(e);
    if (problem)
      out.issues.push({ scenarioId: s.scenarioId, file: e.path, message: msg.notReadable(problem) });
    else out.clientFiles.push([e.path, s.scenarioId, clientId(e.name)]);
  }
  const testLog = entries.find((e) => e.name === "test.log.txt");
  out.testLog = {
    scenarioId: s.scenarioId,
    file: join(s.dir, "test.log.txt"),
    problem: testLog ? testLogProblem(testLog) : "no test.log.txt",
  };
  for (const e of entries) {
    if (serviceNames.has(e.name) && e.kind !== "directory")
      out.issues.push({ scenarioId: s.scenarioId, file: e.path, message: msg.notAFolder });
  }
  const serviceDirs = entries
    .filter((e) => e.kind === "directory" && !CLIENT_LOG.test(e.name) && e.name !== "test.log.txt")
    .map((e) => e.name);
  const services = listServiceFilesSync(s.scenarioId, s.dir, serviceDirs);
  out.serviceFiles = services.files;
  out.issues.push(...services.issues);
  return out;
}

function testLogProblem(entry: Entry): string | undefined {
  const problem = fileProblemSync(entry);
  return problem && `test.log.txt ${problem}`;
}

/** `client_3.log.txt` → `3`: the text between the first `_` and the next `.` (as the reference does). */
export function clientId(fileName: string): string {
  const rest = fileName.slice(fileName.indexOf("_") + 1);
  return rest.slice(0, rest.indexOf("."));
}

/**
 * Client logs per DuckDB pass, at most (whole scenarios per pass). The parsed lines of a pass are held
 * until its requests are stored; one pass over the 22,000 client logs of bench/'s 2,200-scenario tree
 * held ~1.1 GB of them and spilled to disk. 2,500 logs (~190 MB of JSON in bench/) keep each pass
 * near the memory of the 220-scenario tree, which is read in one pass.
 */
const CLIENT_FILES_PER_PASS = 2500;

async function ingestClientLogs(files: [string, number, string][], ctx: IngestContext): Promise<void> {
  let start = 0;
  while (start < files.length) {
    let end = Math.min(start + CLIENT_FILES_PER_PASS, files.length);
    // never split a scenario: its directory's files may be read through one directory glob
    while (end < files.length && files[end]![1] === files[end - 1]![1]) end++;
    await ingestClientLogPass(files.slice(start, end), ctx);
    start = end;
  }
}

async function ingestClientLogPass(files: [string, number, string][], ctx: IngestContext): Promise<void> {
  if (files.length === 0) return;
  const { db } = ctx;
  await db.append("client_files", ["VARCHAR", "BIGINT", "VARCHAR"], files);
  const paths = await readerPathsFor(
    files.map((f) => f[0]),
    CLIENT_LOGS,
  );
  await db.exec("ingest_client_logs", { paths });
  // Files whose rows may not be their lines one to one (blank lines, not UTF-8, or a broken record
  // that may have swallowed the next line) are parsed again line by line, so that no line is lost and
  // issues and rows keep their physical line numbers.
  const needMap = await db.all("client_files_for_exact_read");
  if (needMap.length > 0) {
    await loadTexts(
      needMap.map((r) => ({ file: String(r.file), scenarioId: Number(r.scenario_id) })),
      ctx,
    );
    await db.exec("ingest_client_exact");
  }
  await db.exec("ingest_client_requests", { tz: ctx.tz, run_id: ctx.runId });
}

/**
 * The legacy layout (G0, docs/layouts/legacy.md): client_N.log.txt + test.log.txt + per-service pod folders.
 * Builds the file manifests for a batch of scenarios and lets DuckDB read them in a few statements
 * (queries/ingest_client_*.sql: one read_json over the client logs of many scenarios, not one per
 * file), as tasks spread over ingest lanes (lanes.ts).
 */
import { join } from "node:path";
import type { Adapter, IngestContext, ScenarioDir } from "../types.js";
import { fileProblemSync, listEntriesSync, openProblem, type Entry } from "../fs/entries.js";
import { addIssues, type Issue } from "../issues.js";
import {
  appendPodYamls,
  listServiceFilesSync,
  parsePodYamls,
  serviceFileTasks,
  type ServiceFile,
} from "../readers/serviceFolders.js";
import { clientFileStats, type ClientFileStats } from "../readers/clientFileStats.js";
import {
  closeLanes,
  giveWay,
  ingestLanes,
  LANES,
  runTasks,
  wholeScenarioParts,
  type Task,
} from "../readers/lanes.js";
import { ingestTestLogs, type TestLogFile } from "../readers/testLog.js";
import { loadTexts } from "../readers/textFiles.js";
import { CLIENT_LOGS, openReaderFiles } from "../fs/readerPaths.js";
import { msg } from "../../messages.js";
import { timed } from "../../profile.js";

export const CLIENT_LOG = /^client_.*\.log\.txt$/;

export const legacyAdapter: Adapter = {
  layout: "legacy",
  async detect(_dir, entries) {
    return entries.some((e) => CLIENT_LOG.test(e.name) || e.name === "test.log.txt");
  },
  async ingest(scenarios, ctx) {
    // Lanes for every report, their set-up overlapping the listing: even on one scenario, its pod
    // logs, client logs and test log are read at once (a shorter ingest for a little more CPU:
    // docs/performance.md#measurements-behind-the-code). A --db store reads in its one transaction.
    const lanes = ingestLanes(ctx);
    let listed: ListedScenario[];
    try {
      const serviceNames = new Set((await ctx.db.all("service_folder_names")).map((r) => String(r.service)));
      listed = await timed("list", () => listScenarios(scenarios, serviceNames));
      await addIssues(
        ctx,
        listed.flatMap((l) => l.issues),
      );
    } catch (e) {
      await closeLanes(lanes);
      throw e;
    }
    const serviceFiles = listed.flatMap((l) => l.serviceFiles);
    const clientFiles = listed.flatMap((l) => l.clientFiles);
    const testLogs = listed.flatMap((l) => (l.testLog ? [l.testLog] : []));
    // Pod YAML is parsed in JS; started first so that it overlaps DuckDB's reading of the logs.
    const parsedYamls = parsePodYamls(serviceFiles, ctx);
    await runTasks(
      ctx,
      // the longest first (client logs), so that the main connection, free after the test logs,
      // takes the rest
      [...clientLogTasks(clientFiles, lanes !== null), ...serviceFileTasks(serviceFiles)],
      // test logs update `scenarios` rows, which belong to the main connection
      [(c) => ingestTestLogs(testLogs, c)],
      lanes,
    );
    await appendPodYamls(await parsedYamls, ctx);
  },
};

interface ListedScenario {
  clientFiles: ClientFile[];
  testLog?: TestLogFile;
  serviceFiles: ServiceFile[];
  issues: Issue[];
}

/**
 * Every scenario's files. The listing is synchronous (see entries.ts), so it gives way to the event
 * loop now and then: the lanes' set-up, a chain of DuckDB statements, only moves on from there.
 */
async function listScenarios(
  scenarios: readonly ScenarioDir[],
  serviceNames: ReadonlySet<string>,
): Promise<ListedScenario[]> {
  const listed: ListedScenario[] = [];
  for (const s of scenarios) {
    listed.push(listScenarioSync(s, serviceNames));
    if (listed.length % 16 === 0) await giveWay();
  }
  return listed;
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
 * Client logs per task, at most (whole scenarios per task). A task's parsed lines are held until its
 * requests are stored, on each lane at once; one pass over all client logs of a large tree held
 * them all and spilled to disk (docs/performance.md#measurements-behind-the-code). With lanes, the files are also split
 * into at least two tasks per lane, so that the lanes finish together.
 */
const CLIENT_FILES_PER_TASK = 1250;
const TASKS_PER_LANE = 2;

export function clientLogTasks(files: readonly ClientFile[], lanes: boolean): Task[] {
  const parts = Math.max(Math.ceil(files.length / CLIENT_FILES_PER_TASK), lanes ? LANES * TASKS_PER_LANE : 1);
  return wholeScenarioParts(files, parts, (f) => f[1]).map((chunk) => async (ctx) => {
    const bytes = await ingestClientLogs(chunk, ctx);
    // the client logs are most of a scenario's reading: its part done is the bar's step
    ctx.progress?.done([...new Set(chunk.map((f) => f[1]))], bytes);
  });
}

/**
 * The longest line of a client log read again line by line (queries/ingest/ingest_client_exact.sql):
 * a file with a longer one keeps its fast read even where that may be inexact, as splitting it into
 * lines would not fit the memory cap.
 */
const RESPLIT_MAX_LINE = 8 * 1024 * 1024;

/** [path, scenario id, client id] */
export type ClientFile = [string, number, string];

interface MeasuredFile {
  f: ClientFile;
  stats: ClientFileStats;
}

/** Returns the bytes read. */
async function ingestClientLogs(listed: readonly ClientFile[], ctx: IngestContext): Promise<number> {
  // Measured first (clientFileStats.ts): the reader's object size limit comes from the longest line.
  const measured = listed.map((f) => {
    try {
      return { f, stats: clientFileStats(f[0]) };
    } catch (e) {
      return { f, problem: openProblem(e) };
    }
  });
  await addIssues(
    ctx,
    measured.flatMap(({ f, problem }) =>
      problem === undefined ? [] : [{ scenarioId: f[1], file: f[0], message: msg.notReadable(problem) }],
    ),
  );
  const files = measured.flatMap(({ f, stats }) => (stats ? [{ f, stats }] : []));
  if (files.length === 0) return 0;
  // Most logs take the fused read (each attempt written once); what it marks, and the files that look
  // damaged, take the staged read, which finds and names every problem.
  const fusable = files.filter(canFuse);
  const redo = new Set(fusable.length > 0 ? await fusedRead(fusable, ctx) : []);
  const staged = files.filter((m) => !canFuse(m) || redo.has(m.f[0]));
  if (staged.length > 0) await stagedRead(staged, ctx);
  return files.reduce((sum, { stats }) => sum + stats.bytes, 0);
}

/**
 * Whether a log can take the fused read (queries/ingest/ingest_client_fused.sql): it has lines, every
 * one a `{…}` record as far as its bytes tell, valid UTF-8, lines the exact read could re-split, and a
 * path the reader matches alone.
 */
function canFuse({ f, stats }: MeasuredFile): boolean {
  return (
    stats.bytes > 0 &&
    stats.braced &&
    stats.closed &&
    stats.valid &&
    stats.longestLine <= RESPLIT_MAX_LINE &&
    // its reader path must match it alone (readerPaths.ts: ReaderFiles)
    !f[0].includes("\\")
  );
}

/** The fused read of `files`; returns the paths it marked, to be read the staged way. */
async function fusedRead(files: readonly MeasuredFile[], ctx: IngestContext): Promise<string[]> {
  const { db } = ctx;
  const reader = openReaderFiles(files.map(({ f }) => f[0]));
  try {
    // file_index: DuckDB's number of the file, its place among the paths (readerPaths.ts: one per file,
    // in order, without a directory pattern)
    let before = 0;
    await db.append(
      "client_fused_files",
      ["UBIGINT", "VARCHAR", "BIGINT", "VARCHAR", "BIGINT", "BIGINT", "BIGINT"],
      files.map(({ f, stats }, i) => {
        const row = [i, f[0], f[1], f[2], stats.lines, stats.longestLine, before];
        before += stats.lines;
        return row;
      }),
    );
    await db.exec("ingest_client_fused", { paths: reader.paths, tz: ctx.tz });
  } finally {
    reader.close();
  }
  return (await db.all("client_fused_redo_files")).map((r) => String(r.file));
}

/**
 * The staged read: the fast typed read into a staging table, the files it may have read inexactly
 * parsed again line by line, then classified into requests and issues.
 */
async function stagedRead(files: readonly MeasuredFile[], ctx: IngestContext): Promise<void> {
  const { db } = ctx;
  // file_no: a file's 1-based place in `files`, which the parsed rows carry instead of its path
  await db.append(
    "client_files",
    ["VARCHAR", "INTEGER", "BIGINT", "VARCHAR"],
    files.map(({ f }, i) => [f[0], i + 1, f[1], f[2]]),
  );
  await db.append(
    "client_file_stats",
    ["INTEGER", "BIGINT", "BOOLEAN", "BIGINT", "BIGINT"],
    files.map(({ stats: s }, i) => [i + 1, s.bytes, s.valid, s.lines, s.longestLine]),
  );
  // The fast read, of the files whose every line starts with `{` (clientFileStats.ts: `braced`; the
  // others may fail the reader's whole statement), and of those too long to re-split. The rest have no
  // rows there, so fewer rows than lines: the exact read below takes them.
  const fast = files.filter(({ stats }) => stats.braced || stats.longestLine > RESPLIT_MAX_LINE);
  if (fast.length > 0) {
    const reader = openReaderFiles(
      fast.map(({ f }) => f[0]),
      CLIENT_LOGS,
    );
    // $names: how the reader names each file, zipped with its file_no
    const byPath = new Map(files.map(({ f }, i) => [f[0], i + 1]));
    try {
      await db.exec("ingest_client_logs", {
        paths: reader.paths,
        names: reader.names,
        file_nos: reader.files.map((file) => byPath.get(file)!),
      });
    } finally {
      reader.close();
    }
  } else {
    await db.exec("client_raw_empty");
  }
  // Files whose rows may not be their lines one to one (blank lines, not UTF-8, or a broken record
  // that may have swallowed the next line), or whose content the fast read may have measured wrong,
  // are parsed again line by line, so that no line is lost and issues and rows keep their physical
  // line numbers.
  const needMap = await db.all("client_files_for_exact_read", { resplit_max: RESPLIT_MAX_LINE });
  if (needMap.length > 0) {
    await loadTexts(
      needMap.map((r) => ({ file: String(r.file), scenarioId: Number(r.scenario_id) })),
      ctx,
    );
    await db.exec("ingest_client_exact");
  }
  await db.exec("client_rows", { tz: ctx.tz });
  await db.exec("ingest_client_requests", { run_id: ctx.runId });
}

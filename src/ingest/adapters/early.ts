/**
 * The early local suite (spring–summer 2025, docs/layouts/early-local.md): `test_worker_failure[…]`
 * folders written by `dynamo serve` runs on one machine. Client logs are the legacy ones (read by the
 * same SQL); the test log has its own markers (dialect `early`); each process's `dynamo_<Service>/error.log`
 * gives the start lines that Dynamo's parser of that generation takes for Recovery; `watcher.log.txt`
 * holds the workers' queue lengths (queries/ingest_watcher.sql).
 */
import { basename, join } from "node:path";
import type { Adapter, IngestContext, ScenarioDir } from "../types.js";
import { fileProblemSync, listEntriesSync, type Entry } from "../fs/entries.js";
import { addIssues, type Issue } from "../issues.js";
import { CLIENT_LOG, clientId, clientLogTasks, type ClientFile } from "./legacy.js";
import { ingestLanes, runTasks, type Task } from "../readers/lanes.js";
import { ingestTestLogs, type TestLogFile } from "../readers/testLog.js";
import { loadTexts, type TextFile } from "../readers/textFiles.js";
import { msg } from "../../messages.js";
import { EARLY_PREFIX } from "../../scenarioName.js";

/** A process folder of `dynamo serve` (circus): `dynamo_Frontend/`, `dynamo_VllmWorker/`, … */
const PROCESS_DIR = /^dynamo_[A-Za-z]\w*$/;

export const earlyAdapter: Adapter = {
  layout: "early",
  async detect(dir, entries) {
    // Told apart from the legacy layout by the folder name, as Dynamo's parser of that generation picks
    // its folders (both hold client_N.log.txt and test.log.txt).
    return (
      basename(dir).startsWith(EARLY_PREFIX) &&
      entries.some((e) => CLIENT_LOG.test(e.name) || e.name === "test.log.txt")
    );
  },
  async ingest(scenarios, ctx) {
    const lanes = ingestLanes(ctx);
    const listed = scenarios.map(listScenario);
    await addIssues(
      ctx,
      listed.flatMap((l) => l.issues),
    );
    const clientFiles = listed.flatMap((l) => l.clientFiles);
    const processLogs = listed.flatMap((l) => l.processLogs);
    const watchers = listed.flatMap((l) => l.watcher);
    const testLogs = listed.map((l) => l.testLog);
    const tasks: Task[] = [...clientLogTasks(clientFiles, lanes !== null)];
    if (processLogs.length > 0) tasks.push((c) => ingestProcessLogs(processLogs, c));
    await runTasks(
      ctx,
      tasks,
      // test logs update `scenarios` rows, which belong to the main connection; the watcher's rows
      // are few, read there too
      [(c) => ingestTestLogs(testLogs, c), (c) => ingestWatchers(watchers, c)],
      lanes,
    );
  },
};

interface ProcessLog extends TextFile {
  /** The folder name, e.g. `dynamo_VllmWorker`: the service of its ready lines. */
  service: string;
}

interface ListedScenario {
  clientFiles: ClientFile[];
  testLog: TestLogFile;
  processLogs: ProcessLog[];
  watcher: TextFile[];
  issues: Issue[];
}

function listScenario(s: ScenarioDir): ListedScenario {
  const testLog: TestLogFile = {
    scenarioId: s.scenarioId,
    file: join(s.dir, "test.log.txt"),
    dialect: "early",
  };
  const out: ListedScenario = { clientFiles: [], testLog, processLogs: [], watcher: [], issues: [] };
  let entries: Entry[];
  try {
    entries = listEntriesSync(s.dir, s.listing);
  } catch (e) {
    out.issues.push({ scenarioId: s.scenarioId, file: s.dir, message: msg.unlistable(e) });
    testLog.problem = "folder cannot be listed";
    return out;
  }
  const readable = (e: Entry): boolean => {
    const problem = fileProblemSync(e);
    if (problem)
      out.issues.push({ scenarioId: s.scenarioId, file: e.path, message: msg.notReadable(problem) });
    return problem === undefined;
  };
  for (const e of entries) {
    if (CLIENT_LOG.test(e.name) && readable(e))
      out.clientFiles.push([e.path, s.scenarioId, clientId(e.name)]);
  }
  const test = entries.find((e) => e.name === "test.log.txt");
  const testProblem = test ? fileProblemSync(test) : undefined;
  if (!test) testLog.problem = "no test.log.txt";
  else if (testProblem) testLog.problem = `test.log.txt ${testProblem}`;
  const watcher = entries.find((e) => e.name === "watcher.log.txt");
  if (watcher && readable(watcher)) out.watcher.push({ file: watcher.path, scenarioId: s.scenarioId });
  for (const d of entries) {
    if (d.kind !== "directory" || !PROCESS_DIR.test(d.name)) continue;
    // Only error.log: the process's log lines go to stderr (output.log holds its stdout).
    let inner: Entry[];
    try {
      inner = listEntriesSync(d.path);
    } catch (e) {
      out.issues.push({ scenarioId: s.scenarioId, file: d.path, message: msg.unlistable(e) });
      continue;
    }
    const log = inner.find((e) => e.name === "error.log");
    if (log && readable(log))
      out.processLogs.push({ file: log.path, scenarioId: s.scenarioId, service: d.name });
  }
  return out;
}

/** error.log lines through the pod-log reader: its readable-line rule is the one Dynamo's parser used. */
async function ingestProcessLogs(logs: readonly ProcessLog[], ctx: IngestContext): Promise<void> {
  await ctx.db.append(
    "pod_log_files",
    ["VARCHAR", "BIGINT", "VARCHAR", "VARCHAR", "VARCHAR"],
    logs.map((f) => [f.file, f.scenarioId, f.service, f.service, "current"]),
  );
  await loadTexts(logs, ctx);
  await ctx.db.exec("ingest_pod_logs", { run_id: ctx.runId, keep_all: ctx.archive });
}

async function ingestWatchers(files: readonly TextFile[], ctx: IngestContext): Promise<void> {
  if (files.length === 0) return;
  await loadTexts(files, ctx);
  await ctx.db.exec("ingest_watcher", {
    tz: ctx.tz,
    run_id: ctx.runId,
    files: files.map((f) => f.file),
    scenario_ids: files.map((f) => f.scenarioId),
  });
}

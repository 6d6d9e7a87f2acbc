/**
 * The pipeline every command that reads result trees calls (report, check, ingest, run):
 *
 *   discover ──► ingest ──► metrics views ──► rows
 *   (PATHs)      (adapters,  (metrics/views.ts) (summary rows, with every issue as a warning)
 *                 one run per PATH)
 *
 * In memory, or with the runs kept in a history file or a lake (storedRuns.ts). No stage calls back
 * into an earlier one; rendering is the caller's.
 */
import type { Db, Row } from "./db.js";
import { discover } from "./discover.js";
import { dropReadAhead, readAheadListings } from "./ingest/fs/entries.js";
import type { FoundScenario } from "./ingest/types.js";
import { ExitCode, FtparseError } from "./errors.js";
import type { Effects } from "./effects.js";
import { ingestRun, type IngestedRun } from "./ingest/index.js";
import {
  createExtendedViews,
  createSummaryViews,
  extendedSummaryRows,
  type ExtendedParams,
} from "./metrics/views.js";
import { timed } from "./profile.js";
import { msg } from "./messages.js";
import { ProgressBar } from "./progress.js";
import { namesByRoot } from "./runNames.js";
import { openDatabase } from "./schema.js";
import {
  loadIntoHistory,
  loadIntoLake,
  openStored,
  type LoadedRuns,
  type StoreOptions,
} from "./storedRuns.js";

export type { LoadedRuns } from "./storedRuns.js";

export interface LoadOptions {
  paths: readonly string[];
  tz: string;
  labels?: Record<string, string>;
  /** Keep every fact, not only what the metrics read (see IngestOptions.archive). */
  archive?: boolean;
}

export interface Loaded {
  runs: IngestedRun[];
  runIds: number[];
  scenarioCount: number;
}

export async function loadResults(db: Db, options: LoadOptions, effects: Effects): Promise<Loaded> {
  return ingestScenarios(db, await findScenarios(options.paths, effects), options, effects);
}

/** Stage 1: the scenario directories under the PATHs; none is a usage error. */
export async function findScenarios(paths: readonly string[], effects: Effects): Promise<FoundScenario[]> {
  const found = await timed("discover", () => discover(paths, effects.warnings));
  if (found.length === 0) {
    throw new FtparseError(msg.noScenarios(paths.slice()), {
      exitCode: ExitCode.Usage,
      hint: "point ftparse at a results folder, e.g. `ftparse results/`",
    });
  }
  return found;
}

/** Stage 2: ingest the found scenarios, one run per PATH they were found under. */
export async function ingestScenarios(
  db: Db,
  found: readonly FoundScenario[],
  options: LoadOptions,
  effects: Effects,
): Promise<Loaded> {
  const bar = ProgressBar.start(effects, found.length);
  const runs: IngestedRun[] = [];
  try {
    for (const [root, group] of byRoot(found)) {
      runs.push(
        await ingestRun(db, root, group, {
          tz: options.tz,
          labels: options.labels,
          archive: options.archive,
          now: effects.now(),
          warnings: effects.warnings,
          progress: bar,
        }),
      );
    }
  } finally {
    bar?.clear();
  }
  return { runs, runIds: runs.map((r) => r.runId), scenarioCount: found.length };
}

function byRoot(found: readonly FoundScenario[]): Map<string, FoundScenario[]> {
  const m = new Map<string, FoundScenario[]>();
  for (const f of found) {
    let list = m.get(f.root);
    if (!list) m.set(f.root, (list = []));
    list.push(f);
  }
  return m;
}

/**
 * Up to this many scenarios, an in-memory report keeps DuckDB on one thread throughout. The ingest
 * runs each statement on one thread anyway (ingest/lanes.ts); the summary of a few scenarios is
 * mostly planning and per-operator set-up, which a second thread doubles instead of sharing
 * (docs/performance.md#measurements-behind-the-code).
 */
const ONE_THREAD_SCENARIOS = 4;

export interface LoadTarget extends LoadOptions, StoreOptions {
  /** Keep the runs in this DuckDB file (idempotently) instead of an in-memory database. */
  db?: string;
  /** Or keep them in this Parquet lake (docs/lake.md). */
  lake?: string;
}

/**
 * Stages 1–2 for the commands that read result trees (report, check): an in-memory database loaded
 * with the trees, or with --db FILE the history file, with the trees stored in it idempotently (an
 * unchanged tree is not stored twice; its run is reported), or with --lake DIR the lake. The caller
 * closes the database.
 */
export async function openAndLoad(
  options: LoadTarget,
  effects: Effects,
): Promise<{ db: Db; loaded: LoadedRuns }> {
  if (options.lake !== undefined) return loadIntoLake(options.lake, options, effects);
  if (options.db && options.paths.length === 0) return openStored(options.db, options, effects);
  // archives (.zip, .tar, .tar.gz, .tgz) are unpacked into a temporary folder, gone once read
  const { loadFromInputs } = await import("./archives.js");
  return loadFromInputs(options.paths, effects.warnings, (dirs) => loadTrees(options, dirs, effects));
}

/** Stages 1–2 over folders (`dirs`: one per PATH of `options.paths`, archives already unpacked). */
async function loadTrees(
  options: LoadTarget,
  dirs: readonly string[],
  effects: Effects,
): Promise<{ db: Db; loaded: LoadedRuns }> {
  if (options.db) return loadIntoHistory(options.db, options, dirs, effects);
  {
    // Only what the ingest needs: the report creates its views after it (summaryRows). DuckDB starts
    // on its own threads while discovery walks the PATHs; with one worker thread until the summary of
    // more than a few scenarios (below).
    const opening = openDatabase({ session: "report", threads: 1 });
    // Handled below (awaited, or closed when discovery fails): not an unhandled rejection meanwhile.
    opening.catch(() => undefined);
    let found: FoundScenario[];
    try {
      found = await findScenarios(dirs, effects);
      // legacy scenarios' service folders: listed while DuckDB is still setting up
      await timed("read ahead", () => readAheadListings(found.filter((f) => f.layout === "legacy")));
    } catch (e) {
      (await opening.catch(() => undefined))?.close();
      throw e;
    }
    const db = await opening;
    try {
      // The ingest runs its statements on one thread each (ingest/lanes.ts) whatever the setting, and
      // changing the setting is not free: the summary gets its threads afterwards.
      const loaded = await ingestScenarios(db, found, options, effects).finally(dropReadAhead);
      if (found.length > ONE_THREAD_SCENARIOS) await db.exec("threads_default");
      const names = namesByRoot(options.paths, dirs, found);
      return {
        db,
        loaded: {
          runIds: loaded.runIds,
          runNames: new Map(loaded.runs.map((r) => [r.runId, names(r.root)])),
          scenarioCount: loaded.scenarioCount,
        },
      };
    } catch (e) {
      db.close();
      throw e;
    }
  }
}

/**
 * The reference summary with the figures beyond it (docs/metrics.md#extended) joined on: one row per scenario, each
 * with its run's display name as `run`.
 */
export async function summaryRows(
  db: Db,
  loaded: Pick<LoadedRuns, "runIds" | "runNames" | "shownPath">,
  sla: number | undefined,
  ext: ExtendedParams,
): Promise<Row[]> {
  const { runIds, runNames, shownPath } = loaded;
  // summary_ext_rows reads the summary view itself: reading summary_rows first would compute every
  // reference figure twice
  await createSummaryViews(db, sla);
  await createExtendedViews(db, ext);
  const rows = await extendedSummaryRows(db, runIds);
  for (const r of rows) {
    r.run = runNames.get(Number(r.run_id)) ?? String(r.run_id);
    if (shownPath) r.scenario_dir = shownPath(String(r.scenario_dir));
  }
  return rows;
}

/** --strict: any input issue (already warned about) makes the command fail with exit code 2. */
export function failIfStrict(strict: boolean, issueCount: number): void {
  if (strict && issueCount > 0)
    throw new FtparseError(msg.strictIssues(issueCount), { exitCode: ExitCode.Usage });
}

/** Move ingest issues and dropped scenarios into the warning collector; returns how many there were. */
export async function collectIssues(
  db: Db,
  runIds: readonly number[],
  effects: Effects,
  shownPath: (path: string) => string = (p) => p,
): Promise<number> {
  const issues = await db.all("ingest_issue_list", { run_ids: runIds });
  for (const i of issues) {
    effects.warnings.add({
      file: i.file === null ? undefined : shownPath(String(i.file)),
      line: i.line_no === null ? undefined : Number(i.line_no),
      message: String(i.message),
    });
  }
  for (const s of await scenariosWithoutRequests(db, runIds)) {
    effects.warnings.add({
      file: shownPath(String(s.dir)),
      message: `${msg.noReadableRequest}: left out of the summary`,
    });
  }
  return effects.warnings.count;
}

/** Scenario directories of these runs that yielded no counted request (no summary row). */
export async function scenariosWithoutRequests(db: Db, runIds: readonly number[]): Promise<Row[]> {
  return db.all("scenarios_without_requests", { run_ids: runIds });
}

/**
 * `ftparse PATH…` — the main job.
 *
 *   discover ──► ingest ──► DuckDB tables ──► queries/summary.sql ──────► render
 *   (PATHs)      (adapters)  (schema.sql)      (view `summary`)            table · markdown · csv · json
 *                                              queries/summary_ext.sql,    --out: charts (Vega-Lite →
 *                                              timeline.sql (extended)     SVG, PNG) · report.html
 *
 * Each stage is one numbered call below; no stage calls back into an earlier one.
 * With --db FILE the runs are kept in that file (history/store.ts: idempotent, one transaction) and
 * the summary is read from it; otherwise everything happens in memory.
 */
import { basename, join, resolve } from "node:path";
import type { Db, Row } from "../db.js";
import { openDatabase } from "../schema.js";
import type { Effects } from "../effects.js";
import { ExitCode, FtparseError } from "../errors.js";
import type { FoundScenario } from "../ingest/types.js";
import { findScenarios, ingestScenarios, type LoadOptions } from "../load.js";
import { runDisplayNames } from "../runNames.js";
import { ALL_ROWS, selectRows, type RowSelection } from "../select.js";
import { msg } from "../messages.js";
import { writeFileAtomic } from "../render/files.js";
import { renderSummary, type Format, type SummaryRenderOptions } from "../render/summary.js";
import { renderDynamo, type DynamoRow } from "../render/dynamo.js";
import { renderAggregate } from "../render/aggregate.js";
import { flushWarnings } from "../render/warnings.js";
import { extendedJsonKeys } from "../render/columns.js";
import {
  createExtendedViews,
  extendedSummaryRows,
  timelineData,
  type ExtendedParams,
  type TimelineData,
} from "../metrics/views.js";

export interface ReportOptions {
  paths: string[];
  format: Format;
  out?: string;
  tz: string;
  sla?: number;
  strict: boolean;
  /** Tables and Markdown: add the extended tables (docs/metrics.md#extended) after each group's reference table. */
  extended?: boolean;
  /** --window, --recovered-ratio, --bucket. */
  ext: ExtendedParams;
  /** ftparse's reference summary (default), or the table Dynamo's own parser prints per scenario. */
  as?: ReportStyle;
  /** Keep the runs in this DuckDB file (and read them from it). */
  db?: string;
  /** Or in this Parquet lake. */
  lake?: string;
  labels?: Record<string, string>;
  waitSeconds?: number;
  /** --group, --failure, --sort. */
  select?: RowSelection;
  /** One row per test group × failure across runs (queries/summary_aggregate.sql). */
  aggregate?: boolean;
  /** With --db and no PATH: the N most recent runs of the file. */
  last?: number;
}

export const REPORT_STYLES = ["ftparse", "dynamo"] as const;
export type ReportStyle = (typeof REPORT_STYLES)[number];

export async function report(options: ReportOptions, effects: Effects): Promise<ExitCode> {
  // 1–2. discover and ingest every PATH (one run each), in memory or kept in --db
  const { db, loaded } = await openAndLoad(options, effects);
  try {
    // 3. the summary view over the canonical tables, with the figures beyond the reference joined on
    const select = options.select ?? ALL_ROWS;
    const rows = selectRows(await summaryRows(db, loaded, options.sla, options.ext), select);
    // 3b. with --as dynamo: what Dynamo's parser of each scenario's generation prints
    const dynamo = options.as === "dynamo" ? await computeDynamo(db, loaded.runIds, rows) : undefined;
    // 3c. with --aggregate: the chosen scenarios' figures across runs, per test group × failure
    const aggregate = options.aggregate && rows.length > 0 ? await aggregateRows(db, rows) : undefined;
    // 4. everything that was skipped, as warnings naming file and line
    const issueCount = await collectIssues(db, loaded.runIds, effects, loaded.shownPath);
    if ((dynamo ?? rows).length === 0) {
      flushWarnings(effects);
      throw new FtparseError(msg.noUsableInput(loaded.scenarioCount), { exitCode: ExitCode.Usage });
    }
    // 5. render to stdout and, with --out, to files (tables, timeline, charts, report.html)
    const renderOptions: SummaryRenderOptions & { slaSeconds?: number } = {
      sla: options.sla !== undefined && options.sla !== 0,
      slaSeconds: options.sla || undefined,
      color: effects.color,
      width: effects.stdoutColumns,
      extraKeys: extendedJsonKeys,
      extended: Boolean(options.extended),
      sort: select.sort,
    };
    const render = (format: Format, opts: typeof renderOptions) =>
      dynamo
        ? renderDynamo(dynamo, format, opts)
        : aggregate
          ? renderAggregate(aggregate, format, opts)
          : renderSummary(rows, format, opts);
    effects.stdout.write(render(options.format, renderOptions));
    if (options.out) {
      const warnings = [...effects.warnings.items];
      const timeline = await timelineData(db, loaded.runIds);
      const { writeReportFiles } = await import("../render/reportDir.js");
      const { replaceFolder } = await import("../render/folderSwap.js");
      const verdict = await defaultVerdict(rows, renderOptions.sla);
      // The whole folder at once: a reader never sees this report's summary next to the last one's charts.
      await replaceFolder(options.out, isReportFolder, async (dir) => {
        await writeOutputs(dir, render, renderOptions);
        await writeReportFiles(dir, {
          rows,
          timeline: keepScenarios(timeline, rows),
          warnings,
          render: renderOptions,
          ext: options.ext,
          inputs: options.paths,
          generatedAt: effects.now(),
          verdict,
        });
      });
    }
    flushWarnings(effects);
    failIfStrict(options.strict, issueCount);
    return ExitCode.Ok;
  } finally {
    db.close();
  }
}

/** Pass/fail per run under the default rule set of `ftparse check`, for report.html's first section. */
async function defaultVerdict(rows: readonly Row[], sla: boolean) {
  const [{ selectRules }, { evaluateRules, runVerdicts }, { metricKeysBeyondSummary }, { summaryObjects }] =
    await Promise.all([
      import("../check/ruleSets.js"),
      import("../check/evaluate.js"),
      import("../check/metrics.js"),
      import("../render/summary.js"),
    ]);
  const selected = await selectRules({ exprs: [], files: [], sets: [] });
  const objects = summaryObjects(rows, { sla, color: false, extraKeys: metricKeysBeyondSummary() });
  return { rules: selected.sources.join("; "), runs: runVerdicts(evaluateRules(selected.rules, objects)) };
}

/** The rows of view `summary_aggregate` over these summary rows' scenarios. */
async function aggregateRows(db: Db, rows: readonly Row[]): Promise<Row[]> {
  await db.exec("summary_aggregate");
  return db.all("summary_aggregate_rows", { scenario_ids: rows.map((r) => Number(r.scenario_id)) });
}

/** The timeline of the scenarios shown (--group, --failure leave some out). */
function keepScenarios(timeline: TimelineData, rows: readonly Row[]): TimelineData {
  const ids = new Set(rows.map((r) => Number(r.scenario_id)));
  const keep = (list: Row[]) => list.filter((r) => ids.has(Number(r.scenario_id)));
  return { buckets: keep(timeline.buckets), events: keep(timeline.events), outages: keep(timeline.outages) };
}

/** Create the summary view for this session's parameters and read the rows of the given runs. */
export async function computeSummary(
  db: Db,
  runIds: readonly number[],
  sla: number | undefined,
): Promise<Row[]> {
  await prepareSummary(db, sla);
  return db.all("summary_rows", { run_ids: runIds });
}

/** Set --sla and (re)create the summary view, without reading it. */
async function prepareSummary(db: Db, sla: number | undefined): Promise<void> {
  await db.exec("report_params", { sla: sla ?? null });
  await db.exec("request_split");
  await db.exec("summary");
}

export interface LoadTarget extends LoadOptions {
  /** Keep the runs in this DuckDB file (idempotently) instead of an in-memory database. */
  db?: string;
  /** Or keep them in this Parquet lake (docs/lake.md). */
  lake?: string;
  waitSeconds?: number;
  /** With --db and no PATH: report the N most recent runs of the file (all without it). */
  last?: number;
}

/**
 * Up to this many scenarios, an in-memory report keeps DuckDB on one thread throughout. The ingest
 * runs each statement on one thread anyway (ingest/lanes.ts); the summary of a few scenarios is
 * mostly planning and per-operator set-up, which a second thread doubles instead of sharing
 * (docs/performance.md#measurements-behind-the-code).
 */
const ONE_THREAD_SCENARIOS = 4;

/**
 * Stages 1–2 for the commands that read result trees (report, check): an in-memory database loaded
 * with the trees, or with --db FILE the history file, with the trees stored in it idempotently (an
 * unchanged tree is not stored twice; its run is reported). The caller closes the database.
 */
/** The runs a report covers: their ids, display names (runNames.ts) and how many scenarios were found. */
export interface LoadedRuns {
  runIds: number[];
  /** run_id → the run's display name (the `run` key of every row). */
  runNames: Map<number, string>;
  scenarioCount: number;
  /** A path read from an unpacked archive as the user knows it (`run.zip/…`), see archives.ts. */
  shownPath?: (path: string) => string;
}

export async function openAndLoad(
  options: LoadTarget,
  effects: Effects,
): Promise<{ db: Db; loaded: LoadedRuns }> {
  if (options.lake !== undefined) return loadIntoLake(options.lake, options, effects);
  if (options.db && options.paths.length === 0) return openStored(options.db, options, effects);
  // archives (.zip, .tar, .tar.gz, .tgz) are unpacked into a temporary folder, gone once read
  const { openInputs } = await import("../archives.js");
  const inputs = await openInputs(options.paths);
  try {
    const opened = await loadTrees(options, inputs.dirs, effects);
    opened.loaded.shownPath = inputs.shownPath;
    for (const w of effects.warnings.items) if (w.file !== undefined) w.file = inputs.shownPath(w.file);
    return opened;
  } finally {
    inputs.cleanup();
  }
}

/** Stages 1–2 over folders (`dirs`: one per PATH of `options.paths`, archives already unpacked). */
async function loadTrees(
  options: LoadTarget,
  dirs: readonly string[],
  effects: Effects,
): Promise<{ db: Db; loaded: LoadedRuns }> {
  if (!options.db) {
    // Only what the ingest needs: the report creates its views after it (summaryRows). DuckDB starts
    // on its own threads while discovery walks the PATHs; with one worker thread until the summary of
    // more than a few scenarios (below).
    const opening = openDatabase({ session: "report", threads: 1 });
    // Handled below (awaited, or closed when discovery fails): not an unhandled rejection meanwhile.
    opening.catch(() => undefined);
    let found;
    try {
      found = await findScenarios(dirs, effects);
    } catch (e) {
      (await opening.catch(() => undefined))?.close();
      throw e;
    }
    const db = await opening;
    try {
      // The ingest runs its statements on one thread each (ingest/lanes.ts) whatever the setting, and
      // changing the setting is not free: the summary gets its threads afterwards.
      const loaded = await ingestScenarios(db, found, options, effects);
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
  // loaded only here: an in-memory report needs neither (nor node:crypto, which the fingerprint uses)
  const [{ openHistory }, { prepareTrees, storeTrees }] = await Promise.all([
    import("../history/open.js"),
    import("../history/store.js"),
  ]);
  const trees = await prepareTrees(dirs, options.tz, effects);
  const db = await openHistory(
    options.db,
    { readOnly: false, waitSeconds: options.waitSeconds ?? 0 },
    effects,
  );
  try {
    const stored = await storeTrees(db, trees, { tz: options.tz, labels: options.labels }, effects);
    const names = namesByRoot(
      options.paths,
      dirs,
      trees.flatMap((t) => t.scenarios),
    );
    return {
      db,
      loaded: {
        runIds: stored.map((r) => r.runId),
        runNames: new Map(stored.map((r) => [r.runId, names(r.root)])),
        scenarioCount: trees.reduce((n, t) => n + t.scenarios.length, 0),
      },
    };
  } catch (e) {
    db.close();
    throw e;
  }
}

/** `ftparse --db FILE [--last N]` without PATHs: the runs already in the file, read-only. */
async function openStored(
  file: string,
  options: LoadTarget,
  effects: Effects,
): Promise<{ db: Db; loaded: LoadedRuns }> {
  const { openHistory } = await import("../history/open.js");
  const db = await openHistory(file, { readOnly: true, waitSeconds: options.waitSeconds ?? 0 }, effects);
  try {
    const runs = await db.all("runs_list", {
      run_ids: null,
      last: options.last ?? null,
      label_keys: [],
      label_values: [],
    });
    // a run's --run-id when it has one, else a name from its root as for PATHs
    const fromRoots = runDisplayNames(
      runs.map((r) => String(r.root)),
      () => false,
    );
    return {
      db,
      loaded: {
        runIds: runs.map((r) => Number(r.run_id)),
        runNames: new Map(
          runs.map((r, i) => [Number(r.run_id), r.run_name ? String(r.run_name) : fromRoots[i]!]),
        ),
        scenarioCount: runs.reduce((n, r) => n + Number(r.scenarios), 0),
      },
    };
  } catch (e) {
    db.close();
    throw e;
  }
}

/**
 * Each run root (a resolved folder of `dirs`) → the display name of its PATH as given; a scenario
 * directory given as PATH is named after its folder.
 */
function namesByRoot(
  paths: readonly string[],
  dirs: readonly string[],
  found: readonly FoundScenario[],
): (root: string) => string {
  const givenAsScenario = new Set(found.filter((f) => f.dir === f.root).map((f) => f.root));
  const names = runDisplayNames(paths, (p) => givenAsScenario.has(resolve(dirs[paths.indexOf(p)]!)));
  const byRoot = new Map(dirs.map((d, i) => [resolve(d), names[i]!]));
  return (root) => byRoot.get(root) ?? basename(root);
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
  await prepareSummary(db, sla);
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

/** An --out folder a report may replace: empty, or an earlier report. */
function isReportFolder(names: readonly string[]): boolean {
  return names.length === 0 || names.includes("summary.json");
}

async function writeOutputs<O extends { color: boolean }>(
  dir: string,
  render: (format: Format, options: O) => string,
  options: O,
) {
  const plain = { ...options, color: false };
  await writeFileAtomic(join(dir, "summary.json"), render("json", plain));
  await writeFileAtomic(join(dir, "summary.csv"), render("csv", plain));
  await writeFileAtomic(join(dir, "summary.md"), render("markdown", plain));
}

/**
 * The `--as dynamo` rows (queries/dynamo_*.sql): Dynamo's AI-Perf table and FaultToleranceReport rows
 * per scenario, joined to the summary rows by scenario.
 */
export async function computeDynamo(
  db: Db,
  runIds: readonly number[],
  summaryRows: readonly Row[],
): Promise<DynamoRow[]> {
  for (const view of [
    "dynamo_aiperf_clients",
    "dynamo_aiperf",
    "fault_label",
    "dynamo_events",
    "watcher_pending",
    "dynamo_early",
  ])
    await db.exec(view);
  const bySummary = new Map(summaryRows.map((r) => [Number(r.scenario_id), r]));
  return (await db.all("dynamo_rows", { run_ids: runIds })).map(({ dynamo, ...scenario }) => ({
    scenario,
    summary: bySummary.get(Number(scenario.scenario_id)),
    dynamo: JSON.parse(String(dynamo)) as Record<string, unknown>,
  }));
}

/** openAndLoad with --lake DIR: the trees written as runs of the lake, then read back from it. */
async function loadIntoLake(
  dir: string,
  options: LoadTarget,
  effects: Effects,
): Promise<{ db: Db; loaded: LoadedRuns }> {
  const [{ prepareTrees }, { storeTreesInLake }, { openLake, pruneLake }] = await Promise.all([
    import("../history/store.js"),
    import("../lake/write.js"),
    import("../lake/read.js"),
  ]);
  const trees = await prepareTrees(options.paths, options.tz, effects);
  const stored = await storeTreesInLake(dir, trees, { tz: options.tz, labels: options.labels }, effects);
  const db = await openLake(dir, effects);
  try {
    const numbers = await db.all("lake_run_numbers", { lake_run_ids: stored.map((r) => r.id) });
    const runIds = numbers.map((r) => Number(r.run_no));
    await pruneLake(db, runIds);
    // each run named after its PATH as given, as for an in-memory report (runNames.ts)
    const names = runDisplayNames(options.paths, () => false);
    const nameOfRoot = new Map(trees.map((t, i) => [t.root, names[i] ?? basename(t.root)]));
    const nameOfId = new Map(stored.map((r) => [r.id, nameOfRoot.get(r.root) ?? basename(r.root)]));
    const runNames = new Map(numbers.map((r) => [Number(r.run_no), nameOfId.get(String(r.lake_run_id))!]));
    return {
      db,
      loaded: { runIds, runNames, scenarioCount: trees.reduce((n, t) => n + t.scenarios.length, 0) },
    };
  } catch (e) {
    db.close();
    throw e;
  }
}

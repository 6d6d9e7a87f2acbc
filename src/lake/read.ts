/**
 * Reading a lake (`--lake DIR` on runs, trend, compare, query, export): an in-memory DuckDB whose
 * tables are views of the same names over the lake's Parquet files, so that every query of the
 * history commands runs unchanged and gives the numbers a `--db` store gives.
 *
 *   list committed runs (layout.ts) ──► lake_runs: lake id → run number (queries/lake_runs.sql)
 *   ──► per table: a view over read_parquet(its files, hive_partitioning) ∪ the empty typed table
 *   ──► the session views (run_overview, metric_history, …)
 *
 * Run numbers are positions by ingest time (ties: by lake id), as a `--db` store numbers runs in the
 * order they were ingested. Scenario ids are per run in the files (1, 2, … in each); the views make
 * them unique as run number × 2^32 + the run's own id.
 */
import { existsSync, readFileSync } from "node:fs";
import { Db, quoteIdent } from "../db.js";
import { timed } from "../profile.js";
import { latestSchemaVersion } from "../schema.js";
import { startSession } from "../metrics/views.js";
import type { Effects } from "../effects.js";
import { ExitCode, FtparseError } from "../errors.js";
import {
  assertLake,
  committedRuns,
  compactedFile,
  compactedMonths,
  LAKE_FORMAT,
  LAKE_TABLES,
  manifestFile,
  partFile,
  RUN_KEYED,
  type CompactedMonth,
  type LakeRun,
  type LakeTable,
} from "./layout.js";

/**
 * The tables run_overview and metric_history read besides `runs` and `scenario_metrics`, for a lake
 * with runs of lake format 1 (no manifest): then they are read whole by every command.
 */
const OVERVIEW_TABLES: readonly LakeTable[] = ["scenarios", "ingest_issues"];

/** The tables listing and resolving runs reads (with OVERVIEW_TABLES when a run lacks its manifest). */
export const RUN_TABLES: readonly LakeTable[] = ["runs"];

/**
 * What trend and compare read: the run listing and the stored metrics (metric_history; the scenario
 * keys it needs come from the manifests, else from OVERVIEW_TABLES).
 */
export const METRIC_TABLES: readonly LakeTable[] = [...RUN_TABLES, "scenario_metrics"];

/** Columns of the runs files a reader takes for itself, not part of the `runs` view (docs/lake.md). */
const MANIFEST_COLUMNS = [
  "lake_tables",
  "lake_started_at",
  "lake_scenarios",
  "lake_issues",
  "lake_scenario_keys",
];

export interface LakeReader {
  db: Db;
  dir: string;
  /** Runs read from their own files: those no compacted month covers. */
  runs: readonly LakeRun[];
  /** The tables each of those runs has files for (its manifest); absent for lake format 1. */
  manifests: ReadonlyMap<string, ReadonlySet<string>>;
  compacted: readonly CompactedMonth[];
  /** The tables whose views read files; the others are empty views. */
  tables: readonly LakeTable[];
  /** Tables read for every run whatever the command prunes to (run numbering, run_overview). */
  whole: ReadonlySet<string>;
  /** Runs of several schema versions: the views read by column name (union_by_name). */
  mixed: boolean;
}

export interface LakeOpenOptions {
  /**
   * The tables the command reads (default: all). The others stay empty views, so neither their
   * files nor their footers are opened: a trend opens three tables' files, not twelve.
   */
  tables?: readonly LakeTable[];
  /**
   * DuckDB threads (default: DuckDB's). One for commands that read a few rows out of many small files:
   * several threads scanning hundreds of one-row files spend more CPU coordinating than reading
   * (docs/lake.md#reading).
   */
  threads?: number;
}

/** Open a lake for reading. The returned Db is in memory: closing it leaves the lake as it was. */
export async function openLake(dir: string, effects: Effects, options: LakeOpenOptions = {}): Promise<Db> {
  assertLake(dir);
  const [listed, compacted] = await Promise.all([committedRuns(dir), compactedMonths(dir)]);
  const db = await Db.open({ threads: options.threads });
  try {
    // The canonical tables, empty, in a catalog of their own: the views' column types and order, and
    // the columns an older lake lacks (they read as NULL).
    // Queries read the small tables (runs, scenarios, …) several times each: parse each file's footer once.
    await db.sql("SET parquet_metadata_cache = true");
    await db.exec("lake_shape_open");
    await db.exec("schema");
    await db.exec("lake_shape_close");
    await db.sql("SET VARIABLE lake_format = $f", { f: LAKE_FORMAT });
    // Every runs row into memory, once (opening the files is what they cost): lake_runs_files. The
    // compacted months first: the runs they cover are read from there, not from their own files
    // (which `lake compact` leaves in place for a while for readers that listed them earlier).
    await db.exec("lake_runs_shape");
    const sources = ["FROM lake_runs_shape"];
    let runs = listed;
    if (compacted.length > 0) {
      await db.sql("SET VARIABLE lake_compacted_runs = $files::VARCHAR[]", {
        files: compacted.map((m) => compactedFile(m, "runs")),
      });
      const covered = new Set((await db.all("lake_runs_compacted")).map((r) => String(r.lake_run_id)));
      runs = listed.filter((r) => !covered.has(r.id));
      sources.push("FROM lake_runs_compacted");
    }
    // Runs with a manifest of this ftparse's lake format and schema: their rows from the manifests
    // (one small read each); the others (older runs) from their runs files.
    const jsonRuns = readManifests(dir, runs);
    if (jsonRuns.length > 0) {
      await db.exec("lake_runs_manifests", {
        ids: jsonRuns.map((m) => m.run.id),
        dates: jsonRuns.map((m) => m.run.date),
        texts: jsonRuns.map((m) => m.text),
      });
      sources.push("FROM lake_runs_manifests");
    }
    const fromManifest = new Set(jsonRuns.map((m) => m.run.id));
    const parquetRuns = runs.filter((r) => !fromManifest.has(r.id));
    if (parquetRuns.length > 0) {
      await db.sql("SET VARIABLE lake_files_runs = $files::VARCHAR[]", {
        files: parquetRuns.map((r) => partFile(dir, "runs", r)),
      });
      sources.push(
        "SELECT * FROM read_parquet(getvariable('lake_files_runs'), hive_partitioning = true, " +
          "union_by_name = true, hive_types = {'run_date': DATE, 'run_id': VARCHAR})",
      );
    }
    // (fixed SQL fragments, chosen by which kinds of files the lake has)
    await timed("sql lake_runs_files", () =>
      db.sql(`CREATE OR REPLACE TABLE lake_runs_files AS ${sources.join(" UNION ALL BY NAME ")}`),
    );
    await db.exec("lake_runs");
    const [newer] = await db.all("lake_newer_runs");
    if (newer && Number(newer.n) > 0) {
      throw new FtparseError(
        `${dir}: ${String(newer.n)} run(s) written in lake format ${String(newer.format)}, newer than this ftparse reads (${LAKE_FORMAT})`,
        { exitCode: ExitCode.Usage, hint: "upgrade ftparse to read this lake" },
      );
    }
    const [{ mixed }] = (await db.all("lake_mixed_versions")) as [{ mixed: boolean }];
    const manifests = new Map<string, ReadonlySet<string>>();
    let overview = true;
    for (const r of await db.all("lake_manifests")) {
      if (Array.isArray(r.lake_tables)) {
        const has = new Set(r.lake_tables.map(String));
        for (const id of r.lake_run_ids as unknown[]) manifests.set(String(id), has);
      }
      overview &&= r.overview === true;
    }
    // Runs of lake format 1 store no run_overview figures: the view computes them from these tables.
    const whole = new Set<string>(overview ? ["runs"] : ["runs", ...OVERVIEW_TABLES]);
    const wanted = options.tables ?? LAKE_TABLES;
    const tables = LAKE_TABLES.filter((t) => wanted.includes(t) || (wanted.includes("runs") && whole.has(t)));
    const lake: LakeReader = { db, dir, runs, manifests, compacted, tables, whole, mixed };
    // The session's views are created over the empty tables and only then are the tables pointed at
    // the files: DuckDB binds a view again each time it is read, and binding read_parquet over
    // hundreds of files is not free, so creating two dozen views over them would pay it two dozen
    // times for nothing (the empty tables have the same columns and types).
    for (const table of LAKE_TABLES) await emptyView(db, table);
    await startSession(db, "history");
    if (overview) await db.exec("lake_run_overview");
    for (const table of LAKE_TABLES) await pointView(lake, table, null);
    const stale = await db.all("stale_metric_runs");
    if (stale.length > 0) {
      effects.warnings.add({
        file: dir,
        message: `${stale.length} run(s) have metrics stored by another version of the metric SQL; trend and compare show them as stored`,
      });
    }
    lakes.set(db, lake);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/**
 * The manifests (`_manifest.json`) of these runs that this ftparse reads as they are: written in its
 * lake format with its schema version (their columns are then exactly the ones it expects). A run
 * without one (lake format 1) or of another version is read from its runs file instead.
 */
function readManifests(dir: string, runs: readonly LakeRun[]): { run: LakeRun; text: string }[] {
  const schema = latestSchemaVersion();
  // Read one after another, synchronously: hundreds of files of a few hundred bytes each, with
  // nothing else to do meanwhile; the promise API's several hops per file cost ten times as much CPU.
  const texts = runs.map((r) => {
    try {
      return readFileSync(manifestFile(dir, r), "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw e;
    }
  });
  const out: { run: LakeRun; text: string }[] = [];
  runs.forEach((run, i) => {
    const text = texts[i];
    if (text === null || text === undefined) return;
    const row = JSON.parse(text) as Record<string, unknown>;
    if (
      row.lake_format === LAKE_FORMAT &&
      row.schema_version === schema &&
      MANIFEST_COLUMNS.every((c) => c in row)
    )
      out.push({ run, text });
  });
  return out;
}

const lakes = new WeakMap<Db, LakeReader>();

/** Whether a Db was opened by openLake. */
export function isLake(db: Db): boolean {
  return lakes.has(db);
}

/**
 * Read only these runs (by run number) from the tables that can be pruned (all but those run
 * numbering and run_overview read whole: LakeReader.whole): their other files are not opened at all.
 * A no-op for a Db that is not a lake.
 */
export async function pruneLake(db: Db, runNumbers: readonly number[]): Promise<void> {
  const lake = lakes.get(db);
  if (!lake) return;
  const ids = (await db.all("lake_run_ids", { run_ids: runNumbers.slice() })).map((r) =>
    String(r.lake_run_id),
  );
  for (const table of LAKE_TABLES) if (!lake.whole.has(table)) await pointView(lake, table, ids);
}

/**
 * For `query --lake`: from now on this connection reads only the lake's files (the views keep
 * working) and writes no file at all, and the user's SQL cannot change that (queries/lake_lockdown.sql).
 */
export async function lockDownLake(db: Db): Promise<boolean> {
  const lake = lakes.get(db);
  if (!lake) return false;
  const files = LAKE_TABLES.flatMap((t) => [
    ...lake.runs.filter((r) => hasFile(lake, t, r)).map((r) => partFile(lake.dir, t, r)),
    ...lake.compacted.map((m) => compactedFile(m, t)).filter((f) => existsSync(f)),
  ]);
  await db.exec("lake_lockdown", { files });
  return true;
}

/** The run numbers of the N most recent runs (runs_list.sql's --last). */
export async function lastRuns(db: Db, last: number): Promise<number[]> {
  const rows = await db.all("runs_list", { run_ids: null, last, label_keys: [], label_values: [] });
  return rows.map((r) => Number(r.run_id));
}

/**
 * (Re)create the view of one table over the files of the lake's runs (`keep`: only these lake ids;
 * null: all). A table the command does not read is an empty view. Built from validated identifiers:
 * the table name comes from LAKE_TABLES; file lists and ids are bound as session variables.
 */
async function pointView(lake: LakeReader, table: LakeTable, keep: readonly string[] | null): Promise<void> {
  const { db, dir } = lake;
  // read once already, every column, compacted months' rows too (openLake)
  if (table === "runs") return pointRunsView(db);
  const t = quoteIdent(table);
  const wanted = keep === null ? null : new Set(keep);
  const read = lake.tables.includes(table);
  const files = read
    ? lake.runs
        .filter((r) => (wanted === null || wanted.has(r.id)) && hasFile(lake, table, r))
        .map((r) => partFile(dir, table, r))
    : [];
  const merged = read ? lake.compacted.map((m) => compactedFile(m, table)).filter((f) => existsSync(f)) : [];
  if (files.length === 0 && merged.length === 0) return emptyView(db, table);
  const parts: string[] = [];
  if (files.length > 0) {
    const variable = quoteIdent(`lake_files_${table}`);
    await db.sql(`SET VARIABLE ${variable} = $files::VARCHAR[]`, { files });
    parts.push(
      `SELECT * FROM read_parquet(getvariable('lake_files_${table}'), hive_partitioning = true, ` +
        `union_by_name = ${lake.mixed}, hive_types = {'run_date': DATE, 'run_id': VARCHAR})`,
    );
  }
  if (merged.length > 0) {
    // Compacted files hold run_id and run_date as columns; one file holds many runs, so pruning is a
    // filter on run_id (Parquet row-group statistics skip what it excludes: files are sorted by it).
    await db.sql(`SET VARIABLE ${quoteIdent(`lake_compacted_${table}`)} = $files::VARCHAR[]`, {
      files: merged,
    });
    await db.sql(`SET VARIABLE ${quoteIdent(`lake_keep_${table}`)} = $ids::VARCHAR[]`, {
      ids: keep === null ? null : keep.slice(),
    });
    parts.push(
      `SELECT * FROM read_parquet(getvariable('lake_compacted_${table}'), union_by_name = true) ` +
        `WHERE getvariable('lake_keep_${table}') IS NULL OR list_contains(getvariable('lake_keep_${table}'), run_id)`,
    );
  }
  const source = `(${parts.join(" UNION ALL BY NAME ")})`;
  // What the files hold under other names: the partition keys, and per-run scenario ids.
  const columns = [
    "f.* EXCLUDE (run_id, run_date, scenario_id)",
    RUN_KEYED.has(table) ? "n.run_no AS run_id" : null,
    "(n.run_no << 32) + f.scenario_id AS scenario_id",
  ].filter((c) => c !== null);
  await db.sql(
    `CREATE OR REPLACE VIEW ${t} AS SELECT * FROM lake_shape.main.${t} UNION ALL BY NAME ` +
      `SELECT ${columns.join(", ")} FROM ${source} f JOIN lake_runs n ON n.lake_run_id = f.run_id`,
  );
}

/**
 * Whether a run has a file of this table: its manifest says (lake format 2); a run of lake format 1
 * lists none, and its file is looked for (a table added after the run was written has none).
 */
function hasFile(lake: LakeReader, table: LakeTable, run: LakeRun): boolean {
  const manifest = lake.manifests.get(run.id);
  return manifest ? manifest.has(table) : existsSync(partFile(lake.dir, table, run));
}

/** The view `runs`: the rows read into lake_runs_files, numbered, without the manifest's columns. */
async function pointRunsView(db: Db): Promise<void> {
  await db.sql(
    `CREATE OR REPLACE VIEW runs AS SELECT * FROM lake_shape.main.runs UNION ALL BY NAME ` +
      `SELECT f.* EXCLUDE (run_id, run_date, ${MANIFEST_COLUMNS.join(", ")}), n.run_no AS run_id, ` +
      `f.run_id AS lake_run_id, f.run_date FROM lake_runs_files f JOIN lake_runs n ON n.lake_run_id = f.run_id`,
  );
}

/** The view of a table no file of which is read: the empty typed table. */
async function emptyView(db: Db, table: LakeTable): Promise<void> {
  const t = quoteIdent(table);
  await db.sql(`CREATE OR REPLACE VIEW ${t} AS SELECT * FROM lake_shape.main.${t}`);
}

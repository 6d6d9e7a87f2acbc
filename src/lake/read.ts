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
import { existsSync } from "node:fs";
import { Db, quoteIdent } from "../db.js";
import { startSession } from "../metrics/views.js";
import type { Effects } from "../effects.js";
import { ExitCode, FtparseError } from "../errors.js";
import {
  assertLake,
  committedRuns,
  LAKE_FORMAT,
  LAKE_TABLES,
  partFile,
  RUN_KEYED,
  type LakeRun,
} from "./layout.js";

/** Tables every run listing needs in full (run_overview); the others can be pruned to some runs. */
const ALWAYS_WHOLE: ReadonlySet<string> = new Set(["runs", "scenarios", "ingest_issues"]);

export interface LakeReader {
  db: Db;
  dir: string;
  runs: readonly LakeRun[];
  /** Runs of several schema versions: the views read by column name (union_by_name). */
  mixed: boolean;
}

/** Open a lake for reading. The returned Db is in memory: closing it leaves the lake as it was. */
export async function openLake(dir: string, effects: Effects): Promise<Db> {
  assertLake(dir);
  const runs = await committedRuns(dir);
  const db = await Db.open({});
  try {
    // The canonical tables, empty, in a catalog of their own: the views' column types and order, and
    // the columns an older lake lacks (they read as NULL).
    // Queries read the small tables (runs, scenarios, …) several times each: parse each file's footer once.
    await db.sql("SET parquet_metadata_cache = true");
    await db.exec("lake_shape_open");
    await db.exec("schema");
    await db.exec("lake_shape_close");
    await db.sql("SET VARIABLE lake_format = $f", { f: LAKE_FORMAT });
    await db.sql("SET VARIABLE lake_files_runs = $files::VARCHAR[]", {
      files: runs.map((r) => partFile(dir, "runs", r)),
    });
    await db.exec(runs.length > 0 ? "lake_runs" : "lake_runs_empty");
    const [newer] = await db.all("lake_newer_runs");
    if (newer && Number(newer.n) > 0) {
      throw new FtparseError(
        `${dir}: ${String(newer.n)} run(s) written in lake format ${String(newer.format)}, newer than this ftparse reads (${LAKE_FORMAT})`,
        { exitCode: ExitCode.Usage, hint: "upgrade ftparse to read this lake" },
      );
    }
    const [{ mixed }] = (await db.all("lake_mixed_versions")) as [{ mixed: boolean }];
    for (const table of LAKE_TABLES) await pointView(db, dir, table, runs, mixed);
    await startSession(db, "history");
    const stale = await db.all("stale_metric_runs");
    if (stale.length > 0) {
      effects.warnings.add({
        file: dir,
        message: `${stale.length} run(s) have metrics stored by another version of the metric SQL; trend and compare show them as stored`,
      });
    }
    lakes.set(db, { db, dir, runs, mixed });
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

const lakes = new WeakMap<Db, LakeReader>();

/** Whether a Db was opened by openLake. */
export function isLake(db: Db): boolean {
  return lakes.has(db);
}

/**
 * Read only these runs (by run number) from the tables that can be pruned (all but runs, scenarios
 * and ingest_issues, which run numbering and run_overview read whole): their other files are not
 * opened at all. A no-op for a Db that is not a lake.
 */
export async function pruneLake(db: Db, runNumbers: readonly number[]): Promise<void> {
  const lake = lakes.get(db);
  if (!lake) return;
  const ids = new Set(
    (await db.all("lake_run_ids", { run_ids: runNumbers.slice() })).map((r) => String(r.lake_run_id)),
  );
  const kept = lake.runs.filter((r) => ids.has(r.id));
  for (const table of LAKE_TABLES)
    if (!ALWAYS_WHOLE.has(table)) await pointView(db, lake.dir, table, kept, lake.mixed);
}

/**
 * For `query --lake`: from now on this connection reads only the lake's files (the views keep
 * working) and writes no file at all, and the user's SQL cannot change that (queries/lake_lockdown.sql).
 */
export async function lockDownLake(db: Db): Promise<boolean> {
  const lake = lakes.get(db);
  if (!lake) return false;
  const files = LAKE_TABLES.flatMap((t) => lake.runs.map((r) => partFile(lake.dir, t, r))).filter((f) =>
    existsSync(f),
  );
  await db.exec("lake_lockdown", { files });
  return true;
}

/** The run numbers of the N most recent runs (runs_list.sql's --last). */
export async function lastRuns(db: Db, last: number): Promise<number[]> {
  const rows = await db.all("runs_list", { run_ids: null, last, label_keys: [], label_values: [] });
  return rows.map((r) => Number(r.run_id));
}

/**
 * (Re)create the view of one table over the files of these runs. Built from validated identifiers:
 * the table name comes from LAKE_TABLES; the file list is bound as a session variable.
 */
async function pointView(
  db: Db,
  dir: string,
  table: string,
  runs: readonly LakeRun[],
  byName: boolean,
): Promise<void> {
  const files = runs.map((r) => partFile(dir, table, r)).filter((f) => existsSync(f));
  const t = quoteIdent(table);
  const variable = `lake_files_${table}`;
  await db.sql(`SET VARIABLE ${quoteIdent(variable)} = $files::VARCHAR[]`, { files });
  if (files.length === 0) {
    await db.sql(`CREATE OR REPLACE VIEW ${t} AS SELECT * FROM lake_shape.main.${t}`);
    return;
  }
  const source =
    `read_parquet(getvariable('${variable}'), hive_partitioning = true, union_by_name = ${byName}, ` +
    `hive_types = {'run_date': DATE, 'run_id': VARCHAR})`;
  // What the files hold under other names: the partition keys, and per-run scenario ids.
  const replaced = ["run_id", "run_date", ...(table === "runs" ? [] : ["scenario_id"])];
  const columns = [
    `f.* EXCLUDE (${replaced.join(", ")})`,
    RUN_KEYED.has(table) ? "n.run_no AS run_id" : null,
    table === "runs" ? null : "(n.run_no << 32) + f.scenario_id AS scenario_id",
    table === "runs" ? "f.run_id AS lake_run_id, f.run_date" : null,
  ].filter((c) => c !== null);
  await db.sql(
    `CREATE OR REPLACE VIEW ${t} AS SELECT * FROM lake_shape.main.${t} UNION ALL BY NAME ` +
      `SELECT ${columns.join(", ")} FROM ${source} f JOIN lake_runs n ON n.lake_run_id = f.run_id`,
  );
}

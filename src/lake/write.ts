/**
 * `ftparse ingest PATH… --lake DIR`: each results tree becomes one run of the lake, written once and
 * never changed (docs/lake.md).
 *
 *   per tree: id = fingerprint (layout.ts) ──► already committed? unchanged
 *             ──► ingest into an in-memory database (history/store.ts, as --db does)
 *             ──► COPY each table to DIR/.tmp/<stage>/<table>/run_date=…/run_id=…/part-0.parquet
 *             ──► rename each table's folder into DIR/<table>/…, `runs` last ──► remove the stage
 *
 * No lock: writers never touch the same folder unless they write the same content (same id). The
 * rename of the `runs` folder is the commit: before it, readers see nothing of the run; a writer
 * killed at any point leaves at most a stage folder and table folders without a `runs` row, which
 * readers ignore and a later ingest of the same tree reuses (same content, same rows).
 */
import { randomUUID } from "node:crypto";
import { mkdir, rename, rm } from "node:fs/promises";
import { hostname } from "node:os";
import { dirname, join } from "node:path";
import type { Db } from "../db.js";
import { latestSchemaVersion, openDatabase } from "../schema.js";
import type { Effects } from "../effects.js";
import { ExitCode, FtparseError } from "../errors.js";
import { describeRun, storeTrees, type StoreHooks, type StoreOptions, type Tree } from "../history/store.js";
import { msg } from "../messages.js";
import {
  committedRuns,
  LAKE_FORMAT,
  LAKE_TABLES,
  lakeRunId,
  manifestFile,
  partFile,
  runFolder,
  STAGING,
  type LakeRun,
} from "./layout.js";
import { compactedRunDate } from "./compact.js";
import { openLake } from "./read.js";
import { STALE_STAGE_HOURS, sweepStaleStages } from "./sweep.js";

export interface LakeStoredRun {
  id: string;
  root: string;
  status: "added" | "unchanged";
}

/** Test seam: called after a run's files are staged, before anything is renamed into place. */
export interface LakeHooks extends StoreHooks {
  beforeCommit?: (stage: string) => Promise<void>;
}

export async function storeTreesInLake(
  dir: string,
  trees: readonly Tree[],
  options: StoreOptions,
  effects: Effects,
  hooks: LakeHooks = {},
): Promise<LakeStoredRun[]> {
  if (options.runName !== undefined && trees.length > 1) {
    throw new FtparseError(msg.runIdNeedsOneTree(trees.length), { exitCode: ExitCode.Usage });
  }
  await mkdir(join(dir, STAGING), { recursive: true });
  // the stages of writers that died long ago (sweep.ts); a live writer's is never that old
  await sweepStaleStages(dir, STALE_STAGE_HOURS);
  const stored: LakeStoredRun[] = [];
  for (const tree of trees) {
    const id = lakeRunId(tree.fingerprint.value);
    const relabel = Object.keys(options.labels ?? {}).length > 0 || options.runName !== undefined;
    const known =
      (await committedRuns(dir)).find((r) => r.id === id) ??
      (await compactedRunDate(dir, id).then((date) => (date === undefined ? undefined : { id, date })));
    if (known) {
      effects.stderr.write(`${msg.unchangedTree(tree.root, `lake run ${id} (${known.date})`, relabel)}\n`);
      stored.push({ id, root: tree.root, status: "unchanged" });
      continue;
    }
    // A name is checked against the committed runs; two writers giving one name at the same moment
    // can both succeed (there is no lock to serialise them): docs/lake.md.
    if (options.runName !== undefined) await assertNameFree(dir, options.runName, effects);
    const status = await writeRun(dir, id, tree, options, effects, hooks);
    if (status === "unchanged") {
      effects.stderr.write(
        `${msg.unchangedTree(tree.root, `lake run ${id} (written meanwhile)`, relabel)}\n`,
      );
    }
    stored.push({ id, root: tree.root, status });
  }
  return stored;
}

async function writeRun(
  dir: string,
  id: string,
  tree: Tree,
  options: StoreOptions,
  effects: Effects,
  hooks: LakeHooks,
): Promise<"added" | "unchanged"> {
  const db = await openDatabase({});
  try {
    await storeTrees(db, [tree], options, effects, hooks);
    return await writeRunFiles(db, dir, id, hooks);
  } finally {
    db.close();
  }
}

/**
 * Write the one run a database holds into the lake as run `id`: stage every table's file, then
 * rename the folders into place, `runs` last. "unchanged" when another writer committed `id` first.
 */
export async function writeRunFiles(
  db: Db,
  dir: string,
  id: string,
  hooks: LakeHooks = {},
): Promise<"added" | "unchanged"> {
  // Host, process and a random part: stage folders of concurrent writers (any machine) never meet.
  const stage = join(dir, STAGING, `${id}-${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`);
  try {
    const [row] = await db.all("lake_run_date");
    const run: LakeRun = { id, date: String(row!.run_date) };
    for (const table of LAKE_TABLES) {
      const file = partFile(stage, table, run);
      await mkdir(dirname(file), { recursive: true });
      if (table === "runs") {
        await db.exec("lake_write_runs", {
          file,
          manifest: manifestFile(stage, run),
          lake_format: LAKE_FORMAT,
          schema_version: latestSchemaVersion(),
          tables: LAKE_TABLES.slice(),
        });
      } else {
        await db.exec("lake_write_table", { table, file });
      }
    }
    await hooks.beforeCommit?.(stage);
    for (const table of LAKE_TABLES) {
      const target = runFolder(dir, table, run);
      await mkdir(dirname(target), { recursive: true });
      try {
        await rename(runFolder(stage, table, run), target);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code !== "ENOTEMPTY" && code !== "EEXIST") throw e;
        // Another writer of the same tree got there first: its `runs` folder means the run is
        // committed; an earlier table folder (a killed writer's, or one racing us) has the same rows.
        if (table === "runs") return "unchanged";
      }
    }
    return "added";
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}

async function assertNameFree(dir: string, name: string, effects: Effects): Promise<void> {
  const db = await openLake(dir, effects);
  try {
    const [taken] = await db.all("run_by_name", { name });
    if (taken) {
      throw new FtparseError(msg.runIdTaken(name, describeRun(taken)), {
        exitCode: ExitCode.Usage,
        hint: "give another --run-id, or leave it out",
      });
    }
  } finally {
    db.close();
  }
}

/**
 * The runs of a report kept outside the in-memory database: stored in a history file (--db FILE, with
 * or without PATHs) or in a Parquet lake (--lake DIR), and read back from there, for the pipeline
 * (pipeline.ts). The history and lake modules are loaded only when asked for: an in-memory report
 * needs neither (nor node:crypto, which the fingerprint uses).
 */
import type { Db } from "./db.js";
import type { Effects } from "./effects.js";
import { namesByRoot, runDisplayNames } from "./runNames.js";

/** Where and how the runs are kept (the --db and --lake parts of the pipeline's LoadTarget). */
export interface StoreOptions {
  paths: readonly string[];
  tz: string;
  labels?: Record<string, string>;
  waitSeconds?: number;
  /** With --db and no PATH: report the N most recent runs of the file (all without it). */
  last?: number;
}

/** The runs a report covers: their ids, display names (runNames.ts) and how many scenarios were found. */
export interface LoadedRuns {
  runIds: number[];
  /** run_id → the run's display name (the `run` key of every row). */
  runNames: Map<number, string>;
  scenarioCount: number;
  /** A path read from an unpacked archive as the user knows it (`run.zip/…`), see archives.ts. */
  shownPath?: (path: string) => string;
}

/** Stages 1–2 with --db FILE: the trees stored in the history file (idempotently), read back from it. */
export async function loadIntoHistory(
  file: string,
  options: StoreOptions,
  dirs: readonly string[],
  effects: Effects,
): Promise<{ db: Db; loaded: LoadedRuns }> {
  const [{ openHistory }, { prepareTrees, storeTrees }] = await Promise.all([
    import("./history/open.js"),
    import("./history/store.js"),
  ]);
  const trees = await prepareTrees(dirs, options.tz, effects);
  const db = await openHistory(file, { readOnly: false, waitSeconds: options.waitSeconds ?? 0 }, effects);
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
export async function openStored(
  file: string,
  options: StoreOptions,
  effects: Effects,
): Promise<{ db: Db; loaded: LoadedRuns }> {
  const { openHistory } = await import("./history/open.js");
  const db = await openHistory(file, { readOnly: true, waitSeconds: options.waitSeconds ?? 0 }, effects);
  return withStoredRuns(db, options, async () => undefined);
}

/** `ftparse --lake DIR [--last N]` without PATHs: the runs already in the lake (their files only). */
export async function openStoredLake(
  dir: string,
  options: StoreOptions,
  effects: Effects,
): Promise<{ db: Db; loaded: LoadedRuns }> {
  const { openLake, pruneLake } = await import("./lake/read.js");
  const db = await openLake(dir, effects);
  return withStoredRuns(db, options, (runIds) => pruneLake(db, runIds));
}

/** The runs of a store opened without PATHs (the N most recent with --last), named as `runs` lists them. */
async function withStoredRuns(
  db: Db,
  options: StoreOptions,
  prune: (runIds: number[]) => Promise<void>,
): Promise<{ db: Db; loaded: LoadedRuns }> {
  try {
    const runs = await db.all("runs_list", {
      run_ids: null,
      last: options.last ?? null,
      label_keys: [],
      label_values: [],
    });
    const runIds = runs.map((r) => Number(r.run_id));
    await prune(runIds);
    // a run's --run-id when it has one, else a name from its root as for PATHs
    const fromRoots = runDisplayNames(
      runs.map((r) => String(r.root)),
      () => false,
    );
    return {
      db,
      loaded: {
        runIds,
        runNames: new Map(runs.map((r, i) => [runIds[i]!, r.run_name ? String(r.run_name) : fromRoots[i]!])),
        scenarioCount: runs.reduce((n, r) => n + Number(r.scenarios), 0),
      },
    };
  } catch (e) {
    db.close();
    throw e;
  }
}

/**
 * Stages 1–2 with --lake DIR: the trees written as runs of the lake, then read back from it; without
 * PATHs, the runs already there (openStoredLake). Archives are unpacked as for any report (archives.ts).
 */
export async function loadIntoLake(
  dir: string,
  options: StoreOptions,
  effects: Effects,
): Promise<{ db: Db; loaded: LoadedRuns }> {
  if (options.paths.length === 0) return openStoredLake(dir, options, effects);
  const { loadFromInputs } = await import("./archives.js");
  return loadFromInputs(options.paths, effects.warnings, (dirs) => storeInLake(dir, options, dirs, effects));
}

/** The trees of `dirs` (one per PATH of `options.paths`, archives unpacked) as runs of the lake. */
async function storeInLake(
  dir: string,
  options: StoreOptions,
  dirs: readonly string[],
  effects: Effects,
): Promise<{ db: Db; loaded: LoadedRuns }> {
  const [{ prepareTrees }, { storeTreesInLake }, { openLake, pruneLake }] = await Promise.all([
    import("./history/store.js"),
    import("./lake/write.js"),
    import("./lake/read.js"),
  ]);
  const trees = await prepareTrees(dirs, options.tz, effects);
  const stored = await storeTreesInLake(dir, trees, { tz: options.tz, labels: options.labels }, effects);
  const db = await openLake(dir, effects);
  try {
    const numbers = await db.all("lake_run_numbers", { lake_run_ids: stored.map((r) => r.id) });
    const numberOf = new Map(numbers.map((r) => [String(r.lake_run_id), Number(r.run_no)]));
    // in the order the trees were stored, as a --db store gives them; a tree given twice once
    const runIds = [...new Set(stored.map((r) => numberOf.get(r.id)!))];
    await pruneLake(db, runIds);
    // each run named after the PATH it came from, as for an in-memory report (runNames.ts): a PATH
    // may hold several runs, and discovery need not return them in the order the PATHs were given
    const names = namesByRoot(
      options.paths,
      dirs,
      trees.flatMap((t) => t.scenarios),
    );
    const runNames = new Map(stored.map((r) => [numberOf.get(r.id)!, names(r.root)]));
    return {
      db,
      loaded: { runIds, runNames, scenarioCount: trees.reduce((n, t) => n + t.scenarios.length, 0) },
    };
  } catch (e) {
    db.close();
    throw e;
  }
}

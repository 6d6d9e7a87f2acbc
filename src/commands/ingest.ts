/**
 * `ftparse ingest PATH… --db FILE` — append one run per results tree to a history database.
 *
 *   discover + fingerprint ──► open FILE (writable; waits for other writers) ──► one transaction:
 *   (history/store.ts)          (db.ts: schema + migrations)                    store new trees, skip known ones
 *                                                                ──► report the runs (queries/runs_list.sql)
 *
 * Without PATHs it only opens the file: creates it, or upgrades one written by an older ftparse.
 */
import type { Effects } from "../effects.js";
import { ExitCode } from "../errors.js";
import { msg } from "../messages.js";
import { openHistory } from "../history/open.js";
import type { StoreRef } from "../history/open.js";
import { prepareTrees, storeTrees, type Tree } from "../history/store.js";
import type { LakeHooks } from "../lake/write.js";
import type { Format } from "../render/summary.js";
import { flushWarnings } from "../render/warnings.js";
import { collectIssues, failIfStrict } from "../pipeline.js";
import { renderRunList } from "../render/runList.js";

export interface IngestCommandOptions extends StoreRef {
  paths: string[];
  format: Format;
  tz: string;
  labels: Record<string, string>;
  runName?: string;
  waitSeconds: number;
  strict: boolean;
}

export async function ingest(
  options: IngestCommandOptions,
  effects: Effects,
  hooks: LakeHooks = {},
): Promise<ExitCode> {
  // 1. discover and fingerprint every tree before taking the file's lock
  const trees = options.paths.length > 0 ? await prepareTrees(options.paths, options.tz, effects) : [];
  if (options.lake !== undefined) return ingestLake(options.lake, trees, options, effects, hooks);
  // 2. open (create or upgrade) the database
  const db = await openHistory(options.db!, { readOnly: false, waitSeconds: options.waitSeconds }, effects);
  try {
    // 3. store the new trees in one transaction
    const stored = await storeTrees(
      db,
      trees,
      { tz: options.tz, labels: options.labels, runName: options.runName },
      effects,
      hooks,
    );
    // 4. issues of the runs just added (those of unchanged runs were reported when they were added)
    const added = stored.filter((r) => r.status === "added").map((r) => r.runId);
    const issueCount = await collectIssues(db, added, effects);
    // 5. the runs, as `ftparse runs` shows them, with what happened to each
    const status = new Map(stored.map((r) => [r.runId, r.status]));
    const rows = (
      await db.all("runs_list", { run_ids: [...status.keys()], last: null, label_keys: [], label_values: [] })
    ).map((r) => ({ ...r, status: status.get(Number(r.run_id)) }));
    if (trees.length === 0) {
      const [{ version }] = (await db.all("schema_version_current")) as [{ version: number }];
      const runCount = (
        await db.all("runs_list", { run_ids: null, last: null, label_keys: [], label_values: [] })
      ).length;
      effects.stderr.write(`${msg.dbUpToDate(options.db!, version, runCount)}\n`);
    } else {
      effects.stdout.write(
        renderRunList(rows, options.format, effects.color, {
          withStatus: true,
          width: effects.stdoutColumns,
        }),
      );
    }
    flushWarnings(effects);
    failIfStrict(options.strict, issueCount);
    return ExitCode.Ok;
  } finally {
    db.close();
  }
}

/**
 * `ingest --lake DIR`: each new tree written as a run of the lake (lake/write.ts); then the runs as
 * `ftparse runs --lake` shows them, numbered among all the lake's runs.
 */
async function ingestLake(
  dir: string,
  trees: readonly Tree[],
  options: IngestCommandOptions,
  effects: Effects,
  hooks: LakeHooks,
): Promise<ExitCode> {
  const { storeTreesInLake } = await import("../lake/write.js");
  const { openLake } = await import("../lake/read.js");
  const stored = await storeTreesInLake(
    dir,
    trees,
    { tz: options.tz, labels: options.labels, runName: options.runName },
    effects,
    hooks,
  );
  const db = await openLake(dir, effects);
  try {
    const numbers = new Map(
      (await db.all("lake_run_numbers", { lake_run_ids: stored.map((r) => r.id) })).map((r) => [
        String(r.lake_run_id),
        Number(r.run_no),
      ]),
    );
    const status = new Map(stored.map((r) => [numbers.get(r.id)!, r.status]));
    const added = stored.filter((r) => r.status === "added").map((r) => numbers.get(r.id)!);
    const issueCount = await collectIssues(db, added, effects);
    const all = { run_ids: null, last: null, label_keys: [], label_values: [] };
    if (trees.length === 0) {
      effects.stderr.write(`${msg.lakeUpToDate(dir, (await db.all("runs_list", all)).length)}\n`);
    } else {
      const rows = (await db.all("runs_list", { ...all, run_ids: [...status.keys()] })).map((r) => ({
        ...r,
        status: status.get(Number(r.run_id)),
      }));
      effects.stdout.write(renderRunList(rows, options.format, effects.color, { withStatus: true }));
    }
    flushWarnings(effects);
    failIfStrict(options.strict, issueCount);
    return ExitCode.Ok;
  } finally {
    db.close();
  }
}

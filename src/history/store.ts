/**
 * Ingest into a persistent database (--db): one run per results tree, idempotent by content.
 *
 *   discover ──► fingerprint ──► (one transaction) skip known trees · ingest new ones · store metrics
 *   (PATHs)      (per tree)       queries/run_by_fingerprint.sql, ingest/*, refresh_metrics.sql
 *
 * Trees are discovered and fingerprinted before the caller opens the database, so that the file is
 * locked only while it is written. The whole ingest is one transaction: a failure or a killed process
 * leaves the file as it was.
 */
import type { Db, Row } from "../db.js";
import { discover } from "../discover.js";
import type { FoundScenario } from "../ingest/types.js";
import type { Effects } from "../effects.js";
import { ExitCode, FtparseError } from "../errors.js";
import { ingestRun } from "../ingest/index.js";
import { progress } from "../progress.js";
import { msg } from "../messages.js";
import { changedFile, fingerprintTree, type Fingerprint } from "./fingerprint.js";
import { ProgressBar } from "../progress.js";

/** A results tree ready to be stored: its scenarios and its fingerprint. */
export interface Tree {
  root: string;
  scenarios: FoundScenario[];
  fingerprint: Fingerprint;
}

export interface StoreOptions {
  tz: string;
  labels?: Record<string, string>;
  /** --run-id: a name for the (single) run. */
  runName?: string;
}

export interface StoredRun {
  runId: number;
  root: string;
  status: "added" | "unchanged";
}

/** Test seam: called inside the transaction after each new run's rows are written. */
export interface StoreHooks {
  afterRun?: (runId: number) => Promise<void>;
}

/** Discover the trees under PATHs and fingerprint each one (no database needed). */
export async function prepareTrees(paths: readonly string[], tz: string, effects: Effects): Promise<Tree[]> {
  const found = await discover(paths, effects.warnings);
  if (found.length === 0) {
    throw new FtparseError(msg.noScenarios(paths.slice()), {
      exitCode: ExitCode.Usage,
      hint: "point ftparse at a results folder, e.g. `ftparse ingest results/ --db history.duckdb`",
    });
  }
  const byRoot = new Map<string, FoundScenario[]>();
  for (const f of found) {
    let list = byRoot.get(f.root);
    if (!list) byRoot.set(f.root, (list = []));
    list.push(f);
  }
  const trees: Tree[] = [];
  for (const [root, scenarios] of byRoot) {
    progress(effects, `fingerprinting ${root}…`);
    const fingerprint = await fingerprintTree(
      root,
      scenarios.map((s) => s.dir),
      { tz },
    );
    trees.push({ root, scenarios, fingerprint });
  }
  progress(effects, "");
  return trees;
}

/** Store the trees as runs in one transaction; a tree already stored (same fingerprint) is skipped. */
export async function storeTrees(
  db: Db,
  trees: readonly Tree[],
  options: StoreOptions,
  effects: Effects,
  hooks: StoreHooks = {},
): Promise<StoredRun[]> {
  if (options.runName !== undefined && trees.length > 1) {
    throw new FtparseError(msg.runIdNeedsOneTree(trees.length), { exitCode: ExitCode.Usage });
  }
  return db.transaction(async () => {
    const stored: StoredRun[] = [];
    for (const tree of trees) {
      const known = await db.all("run_by_fingerprint", { fingerprint: tree.fingerprint.value });
      if (known.length > 0) {
        const run = known[0]!;
        const relabel = Object.keys(options.labels ?? {}).length > 0 || options.runName !== undefined;
        effects.stderr.write(`${msg.unchangedTree(tree.root, describeRun(run), relabel)}\n`);
        stored.push({ runId: Number(run.run_id), root: tree.root, status: "unchanged" });
        continue;
      }
      if (options.runName !== undefined) {
        const [taken] = await db.all("run_by_name", { name: options.runName });
        if (taken) {
          throw new FtparseError(msg.runIdTaken(options.runName, describeRun(taken)), {
            exitCode: ExitCode.Usage,
            hint: "give another --run-id, or leave it out",
          });
        }
      }
      progress(effects, "");
      const bar = ProgressBar.start(effects, tree.scenarios.length);
      const run = await ingestRun(db, tree.root, tree.scenarios, {
        tz: options.tz,
        labels: options.labels,
        fingerprint: tree.fingerprint.value,
        runName: options.runName ?? null,
        sourceFiles: tree.fingerprint.files,
        sourceBytes: tree.fingerprint.bytes,
        now: effects.now(),
        warnings: effects.warnings,
        archive: true,
        progress: bar,
      }).finally(() => bar?.clear());
      await hooks.afterRun?.(run.runId);
      // Read while it was written (a suite still running, a copy in progress): store nothing.
      const changed = await changedFile(
        tree.root,
        tree.scenarios.map((s) => s.dir),
        tree.fingerprint.stamps,
      );
      if (changed !== undefined) {
        throw new FtparseError(msg.treeChanged(changed), {
          exitCode: ExitCode.Usage,
          hint: "run again once nothing writes to the results any more",
        });
      }
      stored.push({ runId: run.runId, root: tree.root, status: "added" });
    }
    const added = stored.filter((r) => r.status === "added").map((r) => r.runId);
    if (added.length > 0) await db.exec("refresh_metrics", { run_ids: added });
    progress(effects, "");
    return stored;
  });
}

export function describeRun(run: Row): string {
  const name = run.run_name === null || run.run_name === undefined ? "" : ` "${String(run.run_name)}"`;
  return `run ${String(run.run_id)}${name}, ingested ${String(run.ingested_at)}`;
}

/**
 * Ingest work spread over several DuckDB connections ("lanes") so that it uses every core.
 *
 * Why lanes and not DuckDB's own threads: the client-log line numbers come from the order in which one
 * thread reads a file (queries/ingest_client_logs.sql), and DuckDB's parallel NDJSON read keeps parsed
 * batches in memory to store them in order (twice the memory, no faster on bench/'s trees). So every
 * statement runs on one thread (threads_single.sql) and the parallelism comes from independent
 * statements on separate connections, each run by its own caller thread: on bench/'s 220-scenario tree
 * two lanes read the client logs in 0.43 s instead of 0.82 s.
 *
 * Lanes write straight into the canonical tables (concurrent appends to a table do not conflict in
 * DuckDB). They are only used when the main connection is not in a transaction (the in-memory
 * report): a --db ingest is one transaction, which the lanes' rows would not be part of, so there
 * every task runs in turn on the main connection.
 */
import type { Db } from "../db.js";
import type { IngestContext } from "./types.js";

/** A piece of ingest work: runs its SQL on the connection in `ctx.db` (a lane or the main one). */
export type Task = (ctx: IngestContext) => Promise<void>;

/** Lanes per ingest when they are used: one per core of the machines ftparse was measured on. */
export const LANES = 2;

/**
 * Run `tasks` (independent of each other; each statement on one DuckDB thread) on lanes, one per lane
 * at a time, taking them in order (put the longest first). `mainTasks` run meanwhile, in order, on the
 * main connection (work that updates rows the main connection owns, like `scenarios`), which then
 * helps with the rest. Without lanes (a --db store, whose ingest is one transaction; `spread` false;
 * or a single piece of work), everything runs in turn on the main connection. Resolves when all are
 * done.
 */
export async function runTasks(
  ctx: IngestContext,
  tasks: readonly Task[],
  mainTasks: readonly Task[] = [],
  spread = true,
): Promise<void> {
  const { db } = ctx;
  await db.exec("threads_single");
  try {
    // one piece of work gains nothing from a second connection, which costs its set-up (~20 ms)
    if (!spread || ctx.archive || tasks.length + (mainTasks.length > 0 ? 1 : 0) < 2) {
      for (const t of [...tasks, ...mainTasks]) await t(ctx);
    } else {
      await onLanes(ctx, tasks, mainTasks);
    }
  } finally {
    await db.exec("threads_restore");
  }
}

async function onLanes(
  ctx: IngestContext,
  tasks: readonly Task[],
  mainTasks: readonly Task[],
): Promise<void> {
  const { db } = ctx;
  const lanes: Db[] = [];
  try {
    for (let i = 0; i < Math.min(LANES, tasks.length); i++) {
      const lane = await db.openLane();
      lanes.push(lane);
      // the per-connection staging tables, macros and reference data the ingest SQL uses
      await lane.exec("staging");
      await lane.exec("reference_data");
    }
    let next = 0;
    const drain = async (lane: Db) => {
      while (next < tasks.length) await tasks[next++]!({ ...ctx, db: lane });
    };
    // The main connection does its own tasks first, then helps with the rest.
    const onMain = async () => {
      for (const t of mainTasks) await t(ctx);
      await drain(db);
    };
    // allSettled: a failing task must not leave another lane's statement running when we close it
    const results = await Promise.allSettled([...lanes.map(drain), onMain()]);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failed) throw failed.reason;
  } finally {
    for (const lane of lanes) lane.close();
  }
}

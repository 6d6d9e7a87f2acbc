/**
 * Ingest work spread over several DuckDB connections ("lanes") so that it uses every core.
 *
 * Why lanes and not DuckDB's own threads: the client-log line numbers come from the order in which one
 * thread reads a file (queries/ingest_client_logs.sql), and DuckDB's parallel NDJSON read keeps parsed
 * batches in memory to store them in order (twice the memory, no faster on bench/'s trees). So every
 * statement runs on one thread (threads_single.sql) and the parallelism comes from independent
 * statements on separate connections, each run by its own caller thread: two connections read the
 * client logs in about half the time of one (docs/performance.md#measurements-behind-the-code).
 *
 * Lanes write straight into the canonical tables (concurrent appends to a table do not conflict in
 * DuckDB). They are only used when the main connection is not in a transaction (the in-memory
 * report): a --db ingest is one transaction, which the lanes' rows would not be part of, so there
 * every task runs in turn on the main connection.
 */
import { availableParallelism } from "node:os";
import type { Db } from "../../db.js";
import type { IngestContext } from "../types.js";

/** A piece of ingest work: runs its SQL on the connection in `ctx.db` (a lane or the main one). */
export type Task = (ctx: IngestContext) => Promise<void>;

/**
 * Lanes per ingest: with the main connection, one statement per core. On a 2-core machine one lane
 * beat two (faster, less CPU: docs/performance.md#measurements-behind-the-code): a third statement only
 * competed with the others and with the main thread's JS (pod manifests, line counts). Capped, as
 * each lane holds a task's parsed lines in memory under one memory limit (more cores are untested).
 */
export const LANES = Math.min(Math.max(availableParallelism() - 1, 1), 3);

/**
 * Open the lanes ahead of their tasks, so that their set-up (a connection, the staging objects and
 * reference data the ingest SQL uses) overlaps other work (src/ingest/index.ts opens them
 * when an ingest starts: IngestContext.takeLanes). Pass the promise to runTasks, which closes them.
 * Not for a --db store (see above).
 */
export function openLanes(db: Db): Promise<Db[]> {
  const lanes = Array.from({ length: LANES }, async () => {
    const lane = await db.openLane();
    try {
      await lane.exec("staging");
      await lane.exec("reference_data");
    } catch (e) {
      lane.close();
      throw e;
    }
    return lane;
  });
  const opened = Promise.allSettled(lanes).then((results) => {
    const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (!failed) return results.map((r) => (r as PromiseFulfilledResult<Db>).value);
    for (const r of results) if (r.status === "fulfilled") r.value.close();
    throw failed.reason;
  });
  // A failure surfaces where the lanes are awaited (runTasks), which may come after other awaits:
  // without a handler meanwhile, Node would end the process on an unhandled rejection.
  opened.catch(() => {});
  return opened;
}

/**
 * The lanes for an ingest's tasks: those opened when it started (ctx.takeLanes), or new ones once they
 * are taken; none for a --db store (see above).
 */
export function ingestLanes(ctx: IngestContext): Promise<Db[]> | null {
  return ctx.archive ? null : (ctx.takeLanes?.() ?? openLanes(ctx.db));
}

/**
 * Give the event loop a turn. Synchronous work on the main thread (listing, pod manifests) calls it
 * now and then: a lane's statements are started and finished from this thread, so they wait for it.
 */
export function giveWay(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * `items`, ordered by scenario (`scenarioOf` compared with ===), cut into `parts` runs of about equal
 * length that never split a scenario (its files may be read through one directory glob, and its rows
 * belong together): a run ends at the first scenario boundary after its share of the items.
 */
export function wholeScenarioParts<T>(
  items: readonly T[],
  parts: number,
  scenarioOf: (item: T) => unknown,
): T[][] {
  const size = Math.max(Math.ceil(items.length / parts), 1);
  const out: T[][] = [];
  let start = 0;
  while (start < items.length) {
    let end = Math.min(start + size, items.length);
    while (end < items.length && scenarioOf(items[end]!) === scenarioOf(items[end - 1]!)) end++;
    out.push(items.slice(start, end));
    start = end;
  }
  return out;
}

/**
 * Run `tasks` (independent of each other; each statement on one DuckDB thread) on lanes, one per lane
 * at a time, taking them in order (put the longest first). `mainTasks` run meanwhile, in order, on the
 * main connection (work that updates rows the main connection owns, like `scenarios`), which then
 * helps with the rest. `lanes`: lanes opened by openLanes, or null for none; when left out, the
 * ingest's lanes (ingestLanes) are used if there are two pieces of work or more.
 * Without lanes (always so for a --db store, whose ingest is one transaction), everything runs in
 * turn on the main connection. Resolves when all are done, with the lanes closed.
 */
export async function runTasks(
  ctx: IngestContext,
  tasks: readonly Task[],
  mainTasks: readonly Task[] = [],
  lanes?: Promise<Db[]> | null,
): Promise<void> {
  const { db } = ctx;
  // one piece of work gains nothing from a second connection, which costs its set-up
  if (lanes === undefined && tasks.length + (mainTasks.length > 0 ? 1 : 0) >= 2) lanes = ingestLanes(ctx);
  let opened: Db[] = [];
  try {
    await db.exec("threads_single");
    opened = lanes ? await lanes : [];
    if (opened.length === 0) {
      for (const t of [...tasks, ...mainTasks]) await t(ctx);
    } else {
      await onLanes(ctx, opened, tasks, mainTasks);
    }
  } finally {
    await closeLanes(lanes);
    await db.exec("threads_restore");
  }
}

/** Close lanes opened by openLanes (none if their opening failed: it closed what it had opened). */
export async function closeLanes(lanes: Promise<Db[]> | null | undefined): Promise<void> {
  if (lanes) for (const lane of await lanes.catch((): Db[] => [])) lane.close();
}

async function onLanes(
  ctx: IngestContext,
  lanes: readonly Db[],
  tasks: readonly Task[],
  mainTasks: readonly Task[],
): Promise<void> {
  const { db } = ctx;
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
}

/** The one way the history commands open the database file. */
import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import type { Db } from "../db.js";
import { openDatabase } from "../schema.js";
import type { Effects } from "../effects.js";
import type { LakeOpenOptions } from "../lake/read.js";

/** Where the history commands read and write: a DuckDB file (--db) or a Parquet lake (--lake). */
export interface StoreRef {
  db?: string;
  lake?: string;
}

/**
 * Open the runs for reading: the --lake folder (an in-memory view of its Parquet files, lake/read.ts)
 * or the --db file, read-only. `read` says which tables a command reads (a lake opens no others) and
 * how many DuckDB threads it wants (both stores).
 */
export async function openStore(
  store: StoreRef & { waitSeconds: number },
  effects: Effects,
  read: LakeOpenOptions = {},
): Promise<Db> {
  if (store.lake !== undefined) {
    const { openLake } = await import("../lake/read.js");
    return openLake(store.lake, effects, read);
  }
  return openHistory(
    store.db!,
    { readOnly: true, waitSeconds: store.waitSeconds, threads: read.threads },
    effects,
  );
}

/** Open the history database, telling stderr when it has to wait for another process. */
export async function openHistory(
  path: string,
  options: { readOnly: boolean; waitSeconds: number; threads?: number },
  effects: Effects,
): Promise<Db> {
  // A new history file may live in a folder that does not exist yet (`--db history/ft.duckdb`).
  if (!options.readOnly) await mkdir(dirname(path), { recursive: true });
  return openDatabase({
    path,
    readOnly: options.readOnly,
    threads: options.threads,
    waitSeconds: options.waitSeconds,
    onWait: (text) => effects.stderr.write(`note: ${text}\n`),
  });
}

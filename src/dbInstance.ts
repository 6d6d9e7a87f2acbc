/**
 * Creating a DuckDB instance for db.ts: the settings every database of ftparse is opened with (memory
 * cap, spill folder, checkpointing, threads) and the open itself, with DuckDB's open errors turned
 * into messages a user can act on and a locked file waited for.
 */
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { FtparseError, ExitCode } from "./errors.js";
import { msg } from "./messages.js";

/**
 * DuckDB's memory cap unless the caller (or FTPARSE_MEMORY_LIMIT, e.g. `2GB`) gives one: well below
 * the uncapped peak, at the same speed (docs/performance.md#measurements-behind-the-code).
 * Beyond the cap DuckDB spills to disk; the NDJSON readers' buffers are sized to fit (staging.sql).
 */
const DEFAULT_MEMORY_LIMIT = "300MB";

/**
 * In-memory databases opened by this process: with the process id and the time, it names each one's
 * spill folder uniquely (not node:crypto's randomUUID, whose module a report would load only for this).
 */
let spillDirCount = 0;

export interface OpenOptions {
  /** DuckDB file; in memory when absent. */
  path?: string;
  readOnly?: boolean;
  /** Memory cap for DuckDB (it spills to disk beyond it). */
  memoryLimit?: string;
  threads?: number;
  /**
   * How long to keep retrying while another process holds the file (DuckDB allows one writer process,
   * or several readers, per file). 0: fail at once with a clear message.
   */
  waitSeconds?: number;
  /** Told once when the file is locked and we start waiting (commands print it on stderr). */
  onWait?: (message: string) => void;
}

/** A new instance, and the private spill folder of an in-memory one (to remove when it is closed). */
export async function openInstance(
  options: OpenOptions,
): Promise<{ instance: DuckDBInstance; spillDir: string | undefined }> {
  const config: Record<string, string> = {};
  if (options.readOnly) config.access_mode = "READ_ONLY";
  // Bounded memory (a large tree peaks at several GB without a cap: docs/performance.md#measurements-behind-the-code). DuckDB's default
  // is 80% of the machine's RAM; with a cap it spills what it cannot hold (temp tables, sorts, joins)
  // to its temp directory. Databases that ingest get the default cap: the in-memory one of a report,
  // with a private temp directory under the OS temp folder (it has none by default and would fail
  // instead; DuckDB only creates it when it spills and removes it at close, close() too, in case),
  // and a writable --db file, which spills to <file>.tmp (DuckDB's default). Read-only opens (history
  // queries) keep DuckDB's default unless a cap is asked for.
  const limit = options.memoryLimit ?? process.env.FTPARSE_MEMORY_LIMIT;
  if (limit || !options.readOnly) config.memory_limit = limit ?? DEFAULT_MEMORY_LIMIT;
  let spillDir: string | undefined;
  if (!options.path) {
    spillDir = join(tmpdir(), `ftparse-spill-${process.pid}-${Date.now()}-${++spillDirCount}`);
    config.temp_directory = spillDir;
    // DuckDB checkpoints an in-memory database too (compressing every table, spilling blocks) on a
    // commit past this much new data when no other transaction runs: with ingest lanes, the last
    // commit of the ingest. It bought nothing (the report reads the tables once, then closes) and
    // cost time that grows with the tree (docs/performance.md#measurements-behind-the-code).
    config.checkpoint_threshold = "1TB";
  }
  if (options.threads) config.threads = String(options.threads);
  try {
    return { instance: await createInstance(options, config), spillDir };
  } catch (e) {
    if (spillDir) rmSync(spillDir, { recursive: true, force: true });
    throw e;
  }
}

/**
 * Create the DuckDB instance, turning DuckDB's open errors into messages a user can act on. A file
 * locked by another process (DuckDB: one writer process, or any number of readers) is retried every
 * quarter second until `waitSeconds` have passed.
 */
async function createInstance(options: OpenOptions, config: Record<string, string>): Promise<DuckDBInstance> {
  const path = options.path ?? ":memory:";
  const deadline = Date.now() + Math.max(0, options.waitSeconds ?? 0) * 1000;
  let told = false;
  for (;;) {
    try {
      return await DuckDBInstance.create(path, config);
    } catch (e) {
      const text = (e as Error).message ?? String(e);
      if (!/Could not set lock on file/.test(text)) {
        throw new FtparseError(msg.dbOpenFailed(path, text.replace(/^IO Error: /, "")), {
          exitCode: ExitCode.Usage,
          cause: e,
        });
      }
      const pid = /\(PID (\d+)\)/.exec(text)?.[1];
      const holder = pid === undefined ? undefined : Number(pid);
      if (Date.now() >= deadline) {
        throw new FtparseError(msg.dbLocked(path, holder), {
          exitCode: ExitCode.Usage,
          hint: msg.dbLockedHint(options.waitSeconds ?? 0),
        });
      }
      if (!told) {
        options.onWait?.(msg.dbWaiting(path, holder, options.waitSeconds ?? 0));
        told = true;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

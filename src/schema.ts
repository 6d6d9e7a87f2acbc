/**
 * The schema of a database and its upgrades: a new database gets queries/schema.sql, an older file its
 * pending migrations (queries/migrations/NNN_name.sql), and every session the objects it needs
 * (metrics/views.ts). The connection itself is db.ts.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Db, type OpenOptions } from "./db.js";
import { FtparseError, ExitCode } from "./errors.js";
import { SESSION_BASE, startSession, type SessionKind } from "./metrics/views.js";
import { msg } from "./messages.js";
import { queriesDir } from "./queries.js";
import { VERSION } from "./version.js";

export interface DatabaseOptions extends OpenOptions {
  /** The per-session objects to create (metrics/views.ts); "history" unless told. */
  session?: SessionKind;
}

/** A forward migration: `queries/migrations/NNN_name.sql` takes a database from version NNN-1 to NNN. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Version 1 is queries/schema.sql as first committed (ftparse 0.1.0), before the version table existed. */
const FIRST_VERSION = 1;

let migrationCache: Migration[] | undefined;

/** The migrations in queries/migrations/, in order (read once per process). */
export function migrations(): Migration[] {
  migrationCache ??= readMigrations();
  return migrationCache;
}

function readMigrations(): Migration[] {
  const dir = join(queriesDir, "migrations");
  if (!existsSync(dir)) return [];
  const list = readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort()
    .map((f) => {
      const m = /^(\d{3})_([a-z0-9_]+)\.sql$/.exec(f);
      if (!m) throw new Error(`bad migration file name ${f} (expected NNN_name.sql)`);
      return { version: Number(m[1]), name: m[2]!, sql: readFileSync(join(dir, f), "utf8") };
    });
  list.forEach((m, i) => {
    if (m.version !== FIRST_VERSION + 1 + i)
      throw new Error(`migrations must be numbered 002, 003, … (${m.name})`);
  });
  return list;
}

/** The schema version this ftparse writes. */
export function latestSchemaVersion(): number {
  return FIRST_VERSION + migrations().length;
}

/** 0: an empty database; 1: written before the version table existed; else the recorded version. */
export async function schemaVersion(db: Db): Promise<number> {
  const tables = new Set((await db.all("schema_tables")).map((r) => String(r.table_name)));
  if (tables.has("schema_version")) {
    const [row] = await db.all("schema_version_current");
    return Number(row?.version ?? 0);
  }
  return tables.has("runs") ? FIRST_VERSION : 0;
}

/**
 * Bring a writable database up to date in one transaction: a new file gets schema.sql (the latest
 * schema) and is stamped with the latest version; an older one gets its pending migrations, then
 * schema.sql (idempotent: it only creates what is missing), and loses rows of runs that never
 * committed (a killed ingest). Then the per-session views, and the
 * stored per-scenario metrics of every run whose metrics were computed by other SQL are recomputed.
 */
async function upgrade(db: Db, session: SessionKind): Promise<void> {
  const all = migrations();
  const latest = FIRST_VERSION + all.length;
  await db.transaction(async () => {
    // A new in-memory database is empty: no need to ask.
    const from = db.path === undefined ? 0 : await schemaVersion(db);
    if (from > latest) {
      throw new FtparseError(msg.dbTooNew(db.path ?? ":memory:", from, latest), { exitCode: ExitCode.Usage });
    }
    const record = (version: number, name: string, via: string) =>
      db.exec("record_schema_version", { version, name, via, tool_version: VERSION });
    // A report's new in-memory database: its schema and session in one call to DuckDB.
    const oneCall = from === 0 && session === "report" && db.path === undefined;
    if (oneCall) await db.execBatch(["schema", ...SESSION_BASE]);
    else if (from === 0) {
      await db.exec("schema");
      // Every version at once (one append instead of one statement per version). Not in the in-memory
      // database of a report: it lives for one command and nothing asks it for its version.
      if (db.path !== undefined || session === "history") {
        const now = new Date();
        await db.append(
          "schema_version",
          ["INTEGER", "VARCHAR", "VARCHAR", "TIMESTAMPTZ", "VARCHAR"],
          [{ version: FIRST_VERSION, name: "schema" }, ...all].map((m) => [
            m.version,
            m.name,
            "schema.sql",
            now,
            VERSION,
          ]),
        );
      }
    } else {
      const pending = all.filter((m) => m.version > from);
      for (const m of pending) await db.execText(m.sql);
      await db.exec("schema");
      if (from === FIRST_VERSION && pending.length > 0) await record(FIRST_VERSION, "schema", "found");
      for (const m of pending) await record(m.version, m.name, "migration");
    }
    // A file left by a killed ingest may hold rows of a run that never committed (queries/delete_orphans.sql).
    if (db.path !== undefined && from !== 0) await db.exec("delete_orphans");
    if (!oneCall) await startSession(db, session);
    // Only a history session has the views the stored metrics are computed with; a new database has
    // no runs whose metrics could be stale.
    if (session === "history" && from !== 0) await refreshStoredMetrics(db);
  });
}

/** Recompute stored metrics of runs that have none or have some from other metric SQL. */
async function refreshStoredMetrics(db: Db): Promise<void> {
  const stale = (await db.all("stale_metric_runs")).map((r) => Number(r.run_id));
  if (stale.length > 0) await db.exec("refresh_metrics", { run_ids: stale });
}

async function hasStaleMetrics(db: Db): Promise<boolean> {
  return (await db.all("stale_metric_runs")).length > 0;
}

/**
 * Open (or create) a database with the latest schema, the reference data and the session views.
 *
 * A writable open upgrades the file in place (one transaction). A read-only open never writes — except
 * when the file needs upgrading (written by an older ftparse): then it is opened writable once for
 * the upgrade, closed, and opened read-only again.
 */
export async function openDatabase(options: DatabaseOptions = {}): Promise<Db> {
  if (!options.readOnly || !options.path) {
    const db = await Db.open({ ...options, readOnly: false });
    try {
      await upgrade(db, options.session ?? "history");
    } catch (e) {
      db.close();
      throw e;
    }
    return db;
  }
  if (!existsSync(options.path)) {
    throw new FtparseError(msg.noDatabase(options.path), {
      exitCode: ExitCode.Usage,
      hint: "create it with `ftparse ingest RESULTS… --db FILE`",
    });
  }
  for (let attempt = 0; ; attempt++) {
    const db = await Db.open(options);
    try {
      const version = await schemaVersion(db);
      const latest = latestSchemaVersion();
      if (version > latest) {
        throw new FtparseError(msg.dbTooNew(options.path, version, latest), { exitCode: ExitCode.Usage });
      }
      if (version === latest) {
        await startSession(db, options.session ?? "history");
        if (!(await hasStaleMetrics(db))) return db;
      }
      if (attempt > 0) throw new Error("the database still needs an upgrade after upgrading it");
    } catch (e) {
      db.close();
      throw e;
    }
    db.close();
    (await openDatabase({ ...options, readOnly: false })).close();
  }
}

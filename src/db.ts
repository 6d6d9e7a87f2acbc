/**
 * The only DuckDB layer: the one import of `@duckdb/node-api`.
 *
 * Verbs: `exec` runs a named SQL file from `queries/` (all its statements), `all` runs a named
 * query and returns plain row objects, `sql` runs ad-hoc SQL given by a user (`ftparse query`),
 * `append` bulk-inserts JS rows. Values are always bound parameters; file and group names never
 * become SQL text. Value conversion for JSON/CSV output (BIGINT, timestamps, NULL) is decided here.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
// The CLI is bundled (scripts/bundle.mjs): there this package is part of the bundle. Unbundled (the
// library entry, tests), Node's ESM loader scans its CommonJS files for named exports (slow start-up).
import {
  DuckDBInstance,
  DuckDBTypeId,
  DOUBLE,
  VARCHAR,
  BIGINT,
  INTEGER,
  BOOLEAN,
  TIMESTAMPTZ,
  LIST,
  listValue,
  timestampTZValue,
  JSDuckDBValueConverter,
  type DuckDBConnection,
  type DuckDBPreparedStatement,
  type DuckDBType,
  type DuckDBValue,
} from "@duckdb/node-api";
import { FtparseError, ExitCode } from "./errors.js";
import { EXTENDED_VIEWS, TIMELINE_VIEWS } from "./extended.js";
import { profilingEnabled, timed } from "./profile.js";
import { queriesDir, querySource } from "./queries.js";
import { msg } from "./messages.js";
import { VERSION } from "./version.js";

/** A value a caller may bind: plain JS, arrays of plain JS, or a Date (bound as TIMESTAMPTZ). */
/** Named queries of queries/ (see queries.ts); re-exported for the callers of this layer. */
export { querySource };

export type Param = string | number | bigint | boolean | null | Date | readonly string[] | readonly number[];
export type Params = Record<string, Param>;
/** A row as the rest of ftparse sees it: numbers, strings, booleans, null, ISO strings for times. */
export type Row = Record<string, unknown>;

/** Column types for `append`: only what the canonical tables use. */
export type ColumnType = "VARCHAR" | "DOUBLE" | "BIGINT" | "INTEGER" | "BOOLEAN" | "TIMESTAMPTZ";

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

/**
 * A file path as DuckDB's readers (`read_json`, `read_text`, …) must receive it: they expand globs, so
 * `[`, `*` and `?` in a real name (`test_fault_scenario[agg-…]`) are escaped as one-character classes.
 * Without this, `a[b]/f` would silently read `ab/f`. The readers report the real path as `filename`.
 * A path without glob characters is read literally; inside a glob (`inPattern`, or once a bracket was
 * escaped) DuckDB takes `\` as an escape, so a backslash in a name is matched by `?` (any one
 * character) instead: a sibling that differs only there would be read too and dropped by the readers'
 * join on their manifest.
 */
export function globLiteral(path: string, inPattern = false): string {
  const escaped = path.replace(/[[*?]/g, (c) => `[${c}]`);
  return escaped !== path || inPattern ? escaped.replace(/\\/g, "?") : path;
}

/** Every path of a list as a literal for DuckDB's readers (see globLiteral). */
export function globLiterals(paths: readonly string[]): string[] {
  return paths.map((p) => globLiteral(p));
}

/** Quote an identifier that has already been validated by the caller (e.g. a view name). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

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
  /** The per-session objects to create (see SESSION_OBJECTS); "history" unless told. */
  session?: SessionKind;
}

/** A column of a streamed result: its name and DuckDB type name (e.g. BIGINT, MAP(VARCHAR, VARCHAR)). */
export interface StreamColumn {
  name: string;
  type: string;
}

export class Db {
  private constructor(
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
    readonly path: string | undefined,
    /** The private spill folder of an in-memory database (see open). */
    private readonly spillDir?: string,
    /** A lane (openLane): closing it closes only its connection. */
    private readonly isLane = false,
  ) {}

  /**
   * A second connection to this database, for ingest work that runs at the same time as this
   * connection's (src/ingest/lanes.ts): DuckDB runs a connection's statement on the thread that
   * called it, so with `threads = 1` two lanes use two cores, and each statement still reads its files
   * in order. What a lane writes is committed by its own statements: not for a database whose main
   * connection is in a transaction (the lane's rows would not be part of it). Closing a lane closes
   * only its connection.
   */
  async openLane(): Promise<Db> {
    return new Db(this.instance, await connect(this.instance), this.path, undefined, true);
  }

  static async open(options: OpenOptions = {}): Promise<Db> {
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
    let instance: DuckDBInstance;
    try {
      instance = await createInstance(options, config);
    } catch (e) {
      if (spillDir) rmSync(spillDir, { recursive: true, force: true });
      throw e;
    }
    return new Db(instance, await connect(instance), options.path, spillDir);
  }

  /** Run every statement of `queries/<name>.sql`, binding the parameters each one names. */
  async exec(name: string, params: Params = {}): Promise<void> {
    await timed(`sql ${name}`, () => this.execText(querySource(name), params, name));
  }

  /** Run a named query (the last statement of the file) and return its rows. */
  async all(name: string, params: Params = {}): Promise<Row[]> {
    return timed(`sql ${name}`, () => this.allText(querySource(name), params));
  }

  /** Ad-hoc SQL typed by a user (`ftparse query`) or short control statements. */
  async sql(text: string, params: Params = {}): Promise<Row[]> {
    return this.allText(text, params);
  }

  /**
   * Stream the rows of a named query in chunks of columns (JS values: bigint, Date, …), for exports
   * that must not hold a whole table in memory.
   */
  async stream(
    name: string,
    params: Params,
    onChunk: (columns: StreamColumn[], values: unknown[][], rowCount: number) => Promise<void> | void,
  ): Promise<StreamColumn[]> {
    const statements = await this.connection.extractStatements(querySource(name));
    let columns: StreamColumn[] = [];
    for (let i = 0; i < statements.count; i++) {
      const prepared = await statements.prepare(i);
      try {
        bindNamed(prepared, params);
        if (i < statements.count - 1) {
          await prepared.run();
          continue;
        }
        const result = await prepared.stream();
        const types = result.columnTypes();
        columns = result.columnNames().map((n, k) => ({ name: n, type: types[k]!.toString() }));
        for (;;) {
          const chunk = await result.fetchChunk();
          if (!chunk || chunk.rowCount === 0) break;
          await onChunk(columns, chunk.convertColumns(JSDuckDBValueConverter), chunk.rowCount);
        }
      } finally {
        prepared.destroySync();
      }
    }
    return columns;
  }

  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    await this.connection.run("BEGIN TRANSACTION");
    try {
      const result = await fn();
      await this.connection.run("COMMIT");
      return result;
    } catch (e) {
      // The error that made us roll back is the one to report; a failing ROLLBACK (e.g. DuckDB
      // already aborted the transaction) adds nothing and must not hide it.
      await this.connection.run("ROLLBACK").catch(() => undefined);
      throw e;
    }
  }

  /**
   * Bulk insert JS rows into a table. `columns` gives the type of every column of the table, in order;
   * rows shorter than that are padded with NULL.
   */
  async append(
    table: string,
    columns: readonly ColumnType[],
    rows: readonly (readonly unknown[])[],
  ): Promise<void> {
    if (rows.length === 0) return;
    const appender = await this.connection.createAppender(table);
    try {
      for (const row of rows) {
        for (let i = 0; i < columns.length; i++) {
          appendValue(appender, columns[i]!, row[i]);
        }
        appender.endRow();
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
  }

  /**
   * From here on, SQL on this database reads what it holds and nothing else: no file, no other
   * database, no extension, and no setting can be changed back (`ftparse query` runs a user's SQL
   * after this). Called once the session's views exist, since creating them is done by ftparse's own
   * SQL. Both settings are per database instance, so they hold for every connection of it.
   */
  async confine(): Promise<void> {
    await this.connection.run("SET enable_external_access = false");
    await this.connection.run("SET lock_configuration = true");
  }

  close(): void {
    this.connection.closeSync();
    if (this.isLane) return;
    this.instance.closeSync();
    if (this.spillDir) rmSync(this.spillDir, { recursive: true, force: true });
  }

  /** Run every statement of a SQL text from a file of ours (migrations); values still bound. */
  async execText(text: string, params: Params = {}, name?: string): Promise<void> {
    // Nothing to bind: DuckDB runs every statement of the text in one call, without preparing each
    // one (schema.sql, staging.sql, the views: a saving on every statement).
    if (Object.keys(params).length === 0) {
      await this.connection.run(text);
      return;
    }
    const statements = await this.connection.extractStatements(text);
    for (let i = 0; i < statements.count; i++) {
      const prepared = await statements.prepare(i);
      try {
        bindNamed(prepared, params);
        // With FTPARSE_PROFILE=1, files of several statements also report each one (`name#2`).
        if (name !== undefined && statements.count > 1 && profilingEnabled())
          await timed(`sql ${name}#${i + 1}`, () => prepared.run());
        else await prepared.run();
      } finally {
        prepared.destroySync();
      }
    }
  }

  private async allText(text: string, params: Params): Promise<Row[]> {
    return (await this.tableText(text, params)).rows;
  }

  /** Ad-hoc SQL typed by a user (`ftparse query`): the last statement's column names and rows. */
  async sqlTable(text: string, params: Params = {}): Promise<{ columns: string[]; rows: Row[] }> {
    return this.tableText(text, params);
  }

  private async tableText(text: string, params: Params): Promise<{ columns: string[]; rows: Row[] }> {
    const statements = await this.connection.extractStatements(text);
    let rows: Row[] = [];
    let columns: string[] = [];
    for (let i = 0; i < statements.count; i++) {
      const prepared = await statements.prepare(i);
      try {
        bindNamed(prepared, params);
        const reader = await prepared.runAndReadAll();
        if (i === statements.count - 1) {
          columns = reader.columnNames();
          const mapColumns = new Set(
            columns.filter((_, k) => reader.columnTypes()[k]!.typeId === DuckDBTypeId.MAP),
          );
          rows = reader.getRowObjectsJS().map((r) => toPlainRow(r, mapColumns));
        }
      } finally {
        prepared.destroySync();
      }
    }
    return { columns, rows };
  }
}

type Appender = Awaited<ReturnType<DuckDBConnection["createAppender"]>>;

function appendValue(appender: Appender, type: ColumnType, value: unknown): void {
  if (value === null || value === undefined) {
    appender.appendNull();
    return;
  }
  switch (type) {
    case "VARCHAR":
      appender.appendVarchar(String(value));
      return;
    case "DOUBLE":
      appender.appendDouble(Number(value));
      return;
    case "BIGINT":
      appender.appendBigInt(BigInt(value as number | bigint));
      return;
    case "INTEGER":
      appender.appendInteger(Number(value));
      return;
    case "BOOLEAN":
      appender.appendBoolean(Boolean(value));
      return;
    case "TIMESTAMPTZ":
      appender.appendTimestampTZ(timestampTZValue(BigInt((value as Date).getTime()) * 1000n));
      return;
  }
}

function bindNamed(prepared: DuckDBPreparedStatement, params: Params): void {
  for (let i = 1; i <= prepared.parameterCount; i++) {
    const name = prepared.parameterName(i);
    if (!(name in params)) {
      throw new FtparseError(`internal: query parameter $${name} was not given`, {
        exitCode: ExitCode.Internal,
      });
    }
    const [value, type] = toDuckValue(params[name]!);
    if (value === null) prepared.bindNull(i);
    else prepared.bindValue(i, value, type);
  }
}

function toDuckValue(p: Param): [DuckDBValue, DuckDBType | undefined] {
  if (p === null) return [null, undefined];
  if (p instanceof Date) return [timestampTZValue(BigInt(p.getTime()) * 1000n), TIMESTAMPTZ];
  if (Array.isArray(p)) {
    const allStrings = p.every((x) => typeof x === "string");
    return allStrings
      ? [listValue(p as string[]), LIST(VARCHAR)]
      : [listValue((p as number[]).map(Number)), LIST(DOUBLE)];
  }
  switch (typeof p) {
    case "string":
      return [p, VARCHAR];
    case "number":
      return Number.isInteger(p) && Math.abs(p) < 2 ** 31 ? [p, INTEGER] : [p, DOUBLE];
    case "bigint":
      return [p, BIGINT];
    case "boolean":
      return [p, BOOLEAN];
  }
  throw new Error(`unsupported parameter ${String(p)}`);
}

/** BIGINT → number (safe range) or string; Date → ISO string; NaN → null. Decided once, here. */
export function toPlainValue(v: unknown): unknown {
  if (typeof v === "bigint") {
    return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(v)
      : v.toString();
  }
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  if (typeof v === "number" && Number.isNaN(v)) return null;
  if (Array.isArray(v)) return v.map(toPlainValue);
  if (v !== null && typeof v === "object") {
    // MAP values come back as {entries: [{key, value}]} in the JS form; flatten to a plain object.
    const obj = v as Record<string, unknown>;
    if (Array.isArray(obj.entries) && Object.keys(obj).length === 1) {
      const out: Record<string, unknown> = {};
      for (const e of obj.entries as { key: unknown; value: unknown }[])
        out[String(e.key)] = toPlainValue(e.value);
      return out;
    }
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(obj)) out[k] = toPlainValue(x);
    return out;
  }
  return v;
}

/** MAP columns come back as arrays of {key, value} in the JS form: made plain objects here. */
function toPlainRow(row: Record<string, unknown>, mapColumns: ReadonlySet<string>): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) {
    out[k] =
      mapColumns.has(k) && Array.isArray(v)
        ? mapToObject(v as { key: unknown; value: unknown }[])
        : toPlainValue(v);
  }
  return out;
}

export function mapToObject(entries: readonly { key: unknown; value: unknown }[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const e of entries) out[String(e.key)] = toPlainValue(e.value);
  return out;
}

/** A new connection, set up as every connection of ftparse is. */
async function connect(instance: DuckDBInstance): Promise<DuckDBConnection> {
  const connection = await instance.connect();
  // Everything is stored and shown in UTC; naive inputs are converted with --tz explicitly in SQL.
  await connection.run("SET TimeZone = 'UTC'");
  return connection;
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
    if (from === 0) {
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
    await startSession(db, session);
    // Only a history session has the views the stored metrics are computed with; a new database has
    // no runs whose metrics could be stale.
    if (session === "history" && from !== 0) await refreshStoredMetrics(db);
  });
}

/**
 * What a session needs besides the tables:
 * - "history": the history commands, `ftparse query` and `--db` (the default). Reference data (TEMP
 *   tables), the macros, the session parameters, and the documented views (TEMP views) they read.
 * - "report": an in-memory `ftparse PATH` or `check`. Only the reference data the ingest reads and the
 *   macros (queries/macros.sql): the
 *   report creates its views once, after the ingest, with its own parameters (computeSummary,
 *   createExtendedViews), and never reads the history views.
 * Per-connection objects, never written to the file.
 */
export type SessionKind = "history" | "report";

const SESSION_OBJECTS: Record<SessionKind, readonly string[]> = {
  history: [
    "reference_data",
    "macros",
    "report_params",
    "request_split",
    "summary",
    ...EXTENDED_VIEWS,
    ...TIMELINE_VIEWS,
    "history_metrics",
    "metric_catalog",
    "run_overview",
    "metric_history",
  ],
  report: ["reference_data", "macros"],
};

export async function startSession(db: Db, session: SessionKind): Promise<void> {
  for (const name of SESSION_OBJECTS[session])
    await db.exec(name, name === "report_params" ? { sla: null } : {});
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
export async function openDatabase(options: OpenOptions = {}): Promise<Db> {
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

/**
 * The only DuckDB layer: the one import of `@duckdb/node-api`.
 *
 * Verbs: `exec` runs a named SQL file from `queries/` (all its statements), `all` runs a named
 * query and returns plain row objects, `sql` runs ad-hoc SQL given by a user (`ftparse query`),
 * `append` bulk-inserts JS rows. Values are always bound parameters; file and group names never
 * become SQL text. Value conversion for JSON/CSV output (BIGINT, timestamps, NULL) is decided here.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  DuckDBConnection,
  DuckDBInstance,
  DuckDBPreparedStatement,
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
  type DuckDBType,
  type DuckDBValue,
} from "@duckdb/node-api";
import { FtparseError, ExitCode } from "./errors.js";

/** A value a caller may bind: plain JS, arrays of plain JS, or a Date (bound as TIMESTAMPTZ). */
export type Param = string | number | bigint | boolean | null | Date | readonly string[] | readonly number[];
export type Params = Record<string, Param>;
/** A row as the rest of ftparse sees it: numbers, strings, booleans, null, ISO strings for times. */
export type Row = Record<string, unknown>;

/** Column types for `append`: only what the canonical tables use. */
export type ColumnType = "VARCHAR" | "DOUBLE" | "BIGINT" | "INTEGER" | "BOOLEAN" | "TIMESTAMPTZ";

const queriesDir = findQueriesDir();

function findQueriesDir(): string {
  // dist/src/db.js and src/db.ts both sit two levels below the package root or one.
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    if (existsSync(join(dir, "queries", "schema.sql"))) return join(dir, "queries");
    dir = dirname(dir);
  }
  throw new FtparseError("cannot find the queries/ folder next to ftparse", { exitCode: ExitCode.Internal });
}

const sqlCache = new Map<string, string>();

/** The text of `queries/<name>.sql`. Names are fixed in code, never user input. */
export function querySource(name: string): string {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`invalid query name ${name}`);
  let text = sqlCache.get(name);
  if (text === undefined) {
    text = readFileSync(join(queriesDir, `${name}.sql`), "utf8");
    sqlCache.set(name, text);
  }
  return text;
}

/**
 * A file path as DuckDB's readers (`read_json`, `read_text`, …) must receive it: they expand globs, so
 * `[`, `*` and `?` in a real name (`test_fault_scenario[agg-…]`) are escaped as one-character classes.
 * Without this, `a[b]/f` would silently read `ab/f`. The readers report the real path as `filename`.
 */
export function globLiteral(path: string): string {
  return path.replace(/[[*?]/g, (c) => `[${c}]`);
}

/** Every path of a list as a literal for DuckDB's readers (see globLiteral). */
export function globLiterals(paths: readonly string[]): string[] {
  return paths.map(globLiteral);
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
}

export class Db {
  private constructor(
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
    readonly path: string | undefined,
  ) {}

  static async open(options: OpenOptions = {}): Promise<Db> {
    const config: Record<string, string> = {};
    if (options.readOnly) config.access_mode = "READ_ONLY";
    if (options.memoryLimit) config.memory_limit = options.memoryLimit;
    if (options.threads) config.threads = String(options.threads);
    const instance = await DuckDBInstance.create(options.path ?? ":memory:", config);
    const connection = await instance.connect();
    const db = new Db(instance, connection, options.path);
    // Everything is stored and shown in UTC; naive inputs are converted with --tz explicitly in SQL.
    await connection.run("SET TimeZone = 'UTC'");
    return db;
  }

  /** Run every statement of `queries/<name>.sql`, binding the parameters each one names. */
  async exec(name: string, params: Params = {}): Promise<void> {
    await this.execText(querySource(name), params);
  }

  /** Run a named query (the last statement of the file) and return its rows. */
  async all(name: string, params: Params = {}): Promise<Row[]> {
    return this.allText(querySource(name), params);
  }

  /** Ad-hoc SQL typed by a user (`ftparse query`) or short control statements. */
  async sql(text: string, params: Params = {}): Promise<Row[]> {
    return this.allText(text, params);
  }

  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    await this.connection.run("BEGIN TRANSACTION");
    try {
      const result = await fn();
      await this.connection.run("COMMIT");
      return result;
    } catch (e) {
      await this.connection.run("ROLLBACK");
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

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }

  private async execText(text: string, params: Params): Promise<void> {
    const statements = await this.connection.extractStatements(text);
    for (let i = 0; i < statements.count; i++) {
      const prepared = await statements.prepare(i);
      try {
        bindNamed(prepared, params);
        await prepared.run();
      } finally {
        prepared.destroySync();
      }
    }
  }

  private async allText(text: string, params: Params): Promise<Row[]> {
    const statements = await this.connection.extractStatements(text);
    let rows: Row[] = [];
    for (let i = 0; i < statements.count; i++) {
      const prepared = await statements.prepare(i);
      try {
        bindNamed(prepared, params);
        const reader = await prepared.runAndReadAll();
        if (i === statements.count - 1) {
          const maps = reader
            .columnNames()
            .filter((_, c) => reader.columnTypes()[c]!.typeId === DuckDBTypeId.MAP);
          rows = reader.getRowObjectsJS().map((r) => toPlainRow(r, maps));
        }
      } finally {
        prepared.destroySync();
      }
    }
    return rows;
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

/** `maps` names the MAP columns: their JS form is a list of {key, value}; they become plain objects. */
function toPlainRow(row: Record<string, unknown>, maps: readonly string[] = []): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) {
    out[k] =
      maps.includes(k) && Array.isArray(v)
        ? mapToObject(v as { key: unknown; value: unknown }[])
        : toPlainValue(v);
  }
  return out;
}

function mapToObject(entries: readonly { key: unknown; value: unknown }[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const e of entries) out[String(e.key)] = toPlainValue(e.value);
  return out;
}

/** Open (or create) a database with the canonical schema applied. */
export async function openDatabase(options: OpenOptions = {}): Promise<Db> {
  const db = await Db.open(options);
  try {
    await db.exec("schema");
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

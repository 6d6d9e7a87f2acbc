/**
 * The only DuckDB layer: with dbValues.ts (the values it binds and returns) and dbInstance.ts (opening
 * an instance: its settings, a locked file), the one import of `@duckdb/node-api`. The schema and its
 * upgrades are schema.ts.
 *
 * Verbs: `exec` runs a named SQL file from `queries/` (all its statements), `all` runs a named
 * query and returns plain row objects, `sql` runs ad-hoc SQL given by a user (`ftparse query`),
 * `append` bulk-inserts JS rows. Values are always bound parameters; file and group names never
 * become SQL text.
 */
import { rmSync } from "node:fs";
// The CLI is bundled (scripts/bundle.mjs): there this package is part of the bundle. Unbundled (the
// library entry, tests), Node's ESM loader scans its CommonJS files for named exports (slow start-up).
import {
  DuckDBTypeId,
  type DuckDBInstance,
  JSDuckDBValueConverter,
  type DuckDBConnection,
} from "@duckdb/node-api";
import { appendValue, bindNamed, toPlainRow, type ColumnType, type Params, type Row } from "./dbValues.js";
import { openInstance, type OpenOptions } from "./dbInstance.js";
import { profilingEnabled, timed } from "./profile.js";
import { querySource } from "./queries.js";

/** Values and rows as this layer takes and gives them (dbValues.ts). */
export type { ColumnType, Param, Params, Row } from "./dbValues.js";
export { mapToObject, toPlainValue } from "./dbValues.js";
export type { OpenOptions } from "./dbInstance.js";

/** Quote an identifier that has already been validated by the caller (e.g. a view name). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
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
    const { instance, spillDir } = await openInstance(options);
    return new Db(instance, await connect(instance), options.path, spillDir);
  }

  /** Run every statement of `queries/<name>.sql`, binding the parameters each one names. */
  async exec(name: string, params: Params = {}): Promise<void> {
    await timed(`sql ${name}`, () => this.execText(querySource(name), params, name));
  }

  /**
   * Run every statement of several named files that take no parameters, in one call to DuckDB (the
   * set-up of a session: one hand-off to DuckDB's thread instead of one per file).
   */
  async execBatch(names: readonly string[]): Promise<void> {
    // `;` between files: a file whose last statement lacks one must not run into the next file
    const text = names.map((n) => querySource(n)).join("\n;\n");
    await timed(`sql ${names.join("+")}`, () => this.connection.run(text));
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

/** A new connection, set up as every connection of ftparse is. */
async function connect(instance: DuckDBInstance): Promise<DuckDBConnection> {
  const connection = await instance.connect();
  // Everything is stored and shown in UTC; naive inputs are converted with --tz explicitly in SQL.
  await connection.run("SET TimeZone = 'UTC'");
  return connection;
}

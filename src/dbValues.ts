/**
 * Values between JS and DuckDB, decided once: what a caller may bind (Param), how a JS row is appended,
 * and how DuckDB's values come back (BIGINT, timestamps, MAP, NaN) as plain JSON-ready values.
 */
import {
  DOUBLE,
  VARCHAR,
  BIGINT,
  INTEGER,
  BOOLEAN,
  TIMESTAMPTZ,
  LIST,
  listValue,
  timestampTZValue,
  type DuckDBConnection,
  type DuckDBPreparedStatement,
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
export type ColumnType = "VARCHAR" | "DOUBLE" | "BIGINT" | "UBIGINT" | "INTEGER" | "BOOLEAN" | "TIMESTAMPTZ";

type Appender = Awaited<ReturnType<DuckDBConnection["createAppender"]>>;

export function appendValue(appender: Appender, type: ColumnType, value: unknown): void {
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
    case "UBIGINT":
      appender.appendUBigInt(BigInt(value as number | bigint));
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

export function bindNamed(prepared: DuckDBPreparedStatement, params: Params): void {
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
export function toPlainRow(row: Record<string, unknown>, mapColumns: ReadonlySet<string>): Row {
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

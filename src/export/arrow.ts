/**
 * Arrow IPC files (the "Feather v2" format pandas, polars and pyarrow read) written from DuckDB
 * result chunks with apache-arrow. DuckDB's own Arrow writer is an extension that would need a
 * download, so rows are carried over here, column by column, in batches of BATCH_ROWS.
 */
import { createWriteStream } from "node:fs";
import { finished } from "node:stream/promises";
import {
  Bool,
  Field,
  Float64,
  Int32,
  Int64,
  Map_,
  RecordBatchFileWriter,
  Struct,
  Table,
  TimestampMicrosecond,
  Utf8,
  vectorFromArray,
  type DataType,
} from "apache-arrow";
import type { StreamColumn } from "../db.js";

const BATCH_ROWS = 16384;

/** The Arrow type for a DuckDB type name; anything unusual travels as text. */
export function arrowType(duckType: string): { type: DataType; convert: (v: unknown) => unknown } {
  switch (duckType) {
    case "BIGINT":
    case "UBIGINT":
    case "HUGEINT":
      return { type: new Int64(), convert: (v) => (v === null ? null : BigInt(v as bigint)) };
    case "INTEGER":
    case "SMALLINT":
    case "TINYINT":
    case "UINTEGER":
    case "USMALLINT":
    case "UTINYINT":
      return { type: new Int32(), convert: (v) => (v === null ? null : Number(v)) };
    case "DOUBLE":
    case "FLOAT":
      return { type: new Float64(), convert: (v) => (v === null ? null : Number(v)) };
    case "BOOLEAN":
      return { type: new Bool(), convert: (v) => v };
    case "TIMESTAMP WITH TIME ZONE":
    case "TIMESTAMPTZ":
    case "TIMESTAMP":
      return { type: new TimestampMicrosecond("UTC"), convert: (v) => v };
    case "MAP(VARCHAR, VARCHAR)":
      return {
        type: new Map_(
          new Field(
            "entries",
            new Struct<{ key: Utf8; value: Utf8 }>([
              new Field("key", new Utf8(), false),
              new Field("value", new Utf8(), true),
            ]),
            false,
          ),
        ),
        convert: (v) =>
          v === null
            ? null
            : new Map((v as { key: string; value: string | null }[]).map((e) => [e.key, e.value])),
      };
    default:
      return {
        type: new Utf8(),
        convert: (v) => (v === null ? null : typeof v === "object" ? JSON.stringify(v, jsonSafe) : String(v)),
      };
  }
}

function jsonSafe(_key: string, v: unknown): unknown {
  return typeof v === "bigint" ? v.toString() : v;
}

/**
 * An Arrow IPC file writer fed with DuckDB chunks (`Db.stream`'s callback). Call `add` for each
 * chunk, then `close`; rows are buffered up to BATCH_ROWS per record batch.
 */
export class ArrowFileSink {
  private readonly writer = new RecordBatchFileWriter();
  private readonly out;
  private columns: StreamColumn[] = [];
  private buffered: unknown[][] = [];
  private rows = 0;
  total = 0;

  constructor(path: string) {
    this.out = createWriteStream(path);
    this.writer.toNodeStream().pipe(this.out);
  }

  async add(columns: StreamColumn[], values: unknown[][], rowCount: number): Promise<void> {
    if (this.columns.length === 0) {
      this.columns = columns;
      this.buffered = columns.map(() => []);
    }
    values.forEach((col, i) => {
      for (const v of col) this.buffered[i]!.push(v);
    });
    this.rows += rowCount;
    if (this.rows >= BATCH_ROWS) {
      this.flush();
      await this.drained();
    }
  }

  /** Backpressure: let the file catch up before buffering more (the writer's queue is unbounded). */
  private async drained(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.out.writableNeedDrain)
      await new Promise<void>((resolve) => this.out.once("drain", () => resolve()));
  }

  /** Write what is buffered; `columns` describes an empty table when no chunk came. */
  async close(columns: StreamColumn[]): Promise<void> {
    if (this.columns.length === 0) {
      this.columns = columns;
      this.buffered = columns.map(() => []);
      this.flush(true);
    } else if (this.rows > 0) {
      this.flush();
    }
    this.writer.finish();
    await finished(this.out);
  }

  private flush(evenIfEmpty = false): void {
    if (this.rows === 0 && !evenIfEmpty) return;
    const vectors = Object.fromEntries(
      this.columns.map((c, i) => {
        const { type, convert } = arrowType(c.type);
        return [c.name, vectorFromArray(this.buffered[i]!.map(convert), type)];
      }),
    );
    for (const batch of new Table(vectors).batches) this.writer.write(batch);
    this.total += this.rows;
    this.buffered = this.columns.map(() => []);
    this.rows = 0;
  }
}

/**
 * `ftparse export --db FILE --out DIR` — every table of a history database as Parquet (DuckDB's
 * COPY) and Arrow IPC (apache-arrow), for pandas / polars / pyarrow users.
 *
 *   open FILE (read-only) ──► queries/export_tables.sql ──► per table: export_parquet.sql,
 *                                                            export_rows.sql ──► ArrowFileSink
 *
 * The files are written into a temporary sibling folder that replaces --out as a whole: a failed or
 * killed export leaves the previous export as it was.
 */
import { stat } from "node:fs/promises";
import { join } from "node:path";
import type { Effects } from "../effects.js";
import { ExitCode, usageError } from "../errors.js";
import { ArrowFileSink } from "../export/arrow.js";
import { openStore } from "../history/open.js";
import { LAKE_TABLES } from "../lake/layout.js";
import { isLake } from "../lake/read.js";
import type { StoreRef } from "../history/open.js";
import { progress } from "../progress.js";
import { replaceFolder } from "../render/folderSwap.js";
import { renderRows } from "../render/rows.js";
import type { Format } from "../render/summary.js";

export const EXPORT_KINDS = ["parquet", "arrow"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export interface ExportOptions extends StoreRef {
  out: string;
  format: Format;
  kinds: readonly ExportKind[];
  /** Only these tables (default: all). */
  tables?: readonly string[];
  waitSeconds: number;
}

/** An --out folder an export may replace: empty, or only tables of an earlier export. */
function isExportFolder(names: readonly string[]): boolean {
  return names.every((n) => /\.(parquet|arrow)$/.test(n));
}

export async function exportTables(options: ExportOptions, effects: Effects): Promise<ExitCode> {
  const db = await openStore(options, effects);
  try {
    const all = isLake(db)
      ? [...LAKE_TABLES].sort()
      : (await db.all("export_tables")).map((r) => String(r.table_name));
    const tables = options.tables ?? all;
    const unknown = tables.filter((t) => !all.includes(t));
    if (unknown.length > 0) {
      throw usageError(`unknown table ${unknown.join(", ")} (tables: ${all.join(", ")})`);
    }
    const written: Record<string, unknown>[] = [];
    // The whole folder at once (render/folderSwap.ts): a reader never sees tables of two exports.
    await replaceFolder(options.out, isExportFolder, async (dir) => {
      for (const table of tables) {
        progress(effects, `exporting ${table}…`);
        for (const kind of options.kinds) {
          const name = `${table}.${kind === "parquet" ? "parquet" : "arrow"}`;
          const path = join(dir, name);
          let rows: number;
          if (kind === "parquet") {
            await db.exec("export_parquet", { table, file: path });
            rows = Number((await db.all("table_row_count", { table }))[0]!.n);
          } else {
            const sink = new ArrowFileSink(path);
            const columns = await db.stream("export_rows", { table }, (cols, values, n) =>
              sink.add(cols, values, n),
            );
            await sink.close(columns);
            rows = sink.total;
          }
          written.push({
            table,
            format: kind,
            rows,
            file: join(options.out, name),
            bytes: (await stat(path)).size,
          });
        }
      }
    });
    progress(effects, "");
    effects.stdout.write(
      renderRows(
        written,
        [
          { key: "table", header: "Table", kind: "text" },
          { key: "format", header: "Format", kind: "text" },
          { key: "rows", header: "Rows", kind: "count" },
          { key: "bytes", header: "Size", kind: "bytes" },
          { key: "file", header: "File", kind: "text" },
        ],
        options.format,
        { color: effects.color },
      ),
    );
    return ExitCode.Ok;
  } finally {
    db.close();
  }
}

/**
 * Any list of rows in every output format, for the history commands (runs, ingest, trend, compare,
 * query): a boxed table or Markdown table of chosen columns for people, CSV and JSON (an array of
 * objects, values unrounded, null for no value) for machines.
 */
import { metric } from "../metrics/catalog.js";
import type { Row } from "../db.js";
import type { Column, ColumnKind } from "./columns.js";
import { formatCell, isNumericKind } from "./format.js";
import { mdEscape, print, type Format } from "./print.js";
import { renderTable } from "./table.js";

export interface RowsRenderOptions {
  color: boolean;
  /** Terminal tables: fit them to this many columns. */
  width?: number;
  /** Keys (in order) of JSON objects and CSV columns; default: every column's key. */
  machineKeys?: readonly string[];
  /** Printed instead of an empty table. */
  emptyText?: string;
}

export function renderRows(
  rows: readonly Row[],
  columns: readonly Column[],
  format: Format,
  options: RowsRenderOptions,
): string {
  const keys = options.machineKeys ?? columns.map((c) => c.key);
  const empty = rows.length === 0 && options.emptyText ? `${options.emptyText}\n` : undefined;
  const align = (c: Column) => c.align ?? (isNumericKind(c.kind) ? "right" : "left");
  return print(format, {
    keys,
    rows: () => rows,
    markdown: () => {
      if (empty) return empty;
      const header = `| ${columns.map((c) => mdCell(c.header)).join(" | ")} |`;
      const rule = `|${columns.map((c) => (align(c) === "right" ? "---:" : ":---")).join("|")}|`;
      const body = rows.map(
        (r) => `| ${columns.map((c) => mdCell(formatCell(r[c.key], c.kind))).join(" | ")} |`,
      );
      return [header, rule, ...body].join("\n") + "\n";
    },
    table: () =>
      empty ??
      renderTable({
        headers: columns.map((c) => c.header),
        rows: rows.map((r) => columns.map((c) => formatCell(r[c.key], c.kind))),
        align: columns.map(align),
        color: options.color,
        width: options.width,
      }) + "\n",
  });
}

/**
 * How a stored metric is shown: its kind in the metric catalog (every stored metric is there), so a
 * share such as clients_hit_share reads as a percentage everywhere; counts are shown as numbers (an
 * average of counts may be fractional).
 */
export function metricKind(key: string): ColumnKind {
  const kind = metric(key)?.kind;
  return kind === "seconds" || kind === "ratio" ? kind : "number";
}

/** A Markdown cell: `|` escaped, a two-line header on one line. */
function mdCell(s: string): string {
  return mdEscape(s).replace(/\n/g, " ");
}

/**
 * Any list of rows in every output format, for the history commands (runs, ingest, trend, compare,
 * query): a boxed table or Markdown table of chosen columns for people, CSV and JSON (an array of
 * objects, values unrounded, null for no value) for machines.
 */
import { metric } from "../metrics/catalog.js";
import type { Row } from "../db.js";
import { formatFixed2 } from "../number.js";
import { print, type Format } from "./print.js";
import { renderTable } from "./table.js";

/** How a value is shown to people; JSON and CSV always carry the raw value. */
export type CellKind =
  "text" | "count" | "seconds" | "ratio" | "number" | "time" | "labels" | "bytes" | "auto";

export interface RowColumn {
  key: string;
  header: string;
  kind: CellKind;
  /** Default: numbers right, text left. */
  align?: "left" | "right";
}

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
  columns: readonly RowColumn[],
  format: Format,
  options: RowsRenderOptions,
): string {
  const keys = options.machineKeys ?? columns.map((c) => c.key);
  const empty = rows.length === 0 && options.emptyText ? `${options.emptyText}\n` : undefined;
  const align = (c: RowColumn) => c.align ?? (isNumeric(c.kind) ? "right" : "left");
  return print(format, {
    keys,
    rows: () => rows,
    markdown: () => {
      if (empty) return empty;
      const header = `| ${columns.map((c) => mdEscape(c.header)).join(" | ")} |`;
      const rule = `|${columns.map((c) => (align(c) === "right" ? "---:" : ":---")).join("|")}|`;
      const body = rows.map(
        (r) => `| ${columns.map((c) => mdEscape(formatValue(r[c.key], c.kind))).join(" | ")} |`,
      );
      return [header, rule, ...body].join("\n") + "\n";
    },
    table: () =>
      empty ??
      renderTable({
        headers: columns.map((c) => c.header),
        rows: rows.map((r) => columns.map((c) => formatValue(r[c.key], c.kind))),
        align: columns.map(align),
        color: options.color,
        width: options.width,
      }) + "\n",
  });
}

function isNumeric(kind: CellKind): boolean {
  return kind === "count" || kind === "seconds" || kind === "ratio" || kind === "number" || kind === "bytes";
}

/**
 * How a stored metric is shown: its kind in the metric catalog (every stored metric is there), so a
 * share such as clients_hit_share reads as a percentage everywhere; counts are shown as numbers (an
 * average of counts may be fractional).
 */
export function metricKind(key: string): CellKind {
  const kind = metric(key)?.kind;
  return kind === "seconds" || kind === "ratio" ? kind : "number";
}

export function formatValue(v: unknown, kind: CellKind): string {
  if (v === null || v === undefined) return "N/A";
  switch (kind) {
    case "text":
      return String(v);
    case "count":
      return String(Math.round(Number(v)));
    case "seconds":
      return formatFixed2(Number(v));
    case "ratio":
      return `${formatFixed2(Number(v) * 100)} %`;
    case "number":
      return Number.isInteger(Number(v)) ? String(v) : formatFixed2(Number(v));
    case "time":
      return String(v)
        .replace("T", " ")
        .replace(/\.000Z$|Z$/, "Z");
    case "labels":
      return typeof v === "object"
        ? Object.entries(v as Record<string, unknown>)
            .map(([k, x]) => `${k}=${String(x)}`)
            .join(" ")
        : String(v);
    case "bytes":
      return formatBytes(Number(v));
    case "auto":
      return typeof v === "object" ? JSON.stringify(v) : String(v);
  }
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let x = n / 1024;
  let i = 0;
  while (x >= 1024 && i < units.length - 1) {
    x /= 1024;
    i++;
  }
  return `${x.toFixed(1)} ${units[i]}`;
}

function mdEscape(s: string): string {
  return s.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

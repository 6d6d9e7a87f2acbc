/**
 * The `--extended` tables of one test group: client-visible recovery, latency percentiles and the error
 * breakdown (docs/metrics.md#extended). They follow the group's reference table, which stays exactly as it was.
 */
import type { Row } from "../db.js";
import { clientColumns, percentileColumns, runColumn, type Column } from "./columns.js";
import { formatCell, markedCell } from "./format.js";
import { renderTable } from "./table.js";

export interface ExtendedTable {
  title: string;
  columns: Column[];
}

/** The tables for a group's rows: two fixed ones, then one error column per class seen in the group. */
export function extendedTables(rows: readonly Row[], manyRuns = false): ExtendedTable[] {
  const lead = (columns: Column[]) => (manyRuns ? [runColumn, ...columns] : columns);
  return [
    { title: "Client-visible recovery (seconds after the fault)", columns: lead([...clientColumns]) },
    { title: "Latency percentiles of successful requests (seconds)", columns: lead([...percentileColumns]) },
    { title: "Failed requests by error class", columns: lead(errorColumns(rows)) },
  ];
}

/**
 * The error classes' one order, the catalog's (queries/request_errors.sql): HTTP statuses by code,
 * then invalid_content, connection_refused, connection_closed, read_timeout, cancelled, other. Every
 * table, Markdown file and report page puts them so, whichever group they are in.
 */
const CLASS_ORDER = [
  "invalid_content",
  "connection_refused",
  "connection_closed",
  "read_timeout",
  "cancelled",
];

export function compareErrorClasses(a: string, b: string): number {
  const rank = (c: string): [number, number, string] => {
    const http = /^http_(\d+)$/.exec(c);
    if (http) return [0, Number(http[1]), c];
    const i = CLASS_ORDER.indexOf(c);
    return i >= 0 ? [1, i, c] : c === "other" ? [3, 0, c] : [2, 0, c];
  };
  const [x, y] = [rank(a), rank(b)];
  return x[0] - y[0] || x[1] - y[1] || (x[2] < y[2] ? -1 : x[2] > y[2] ? 1 : 0);
}

/** One count column per error class present in these rows, in the catalog's order. */
export function errorColumns(rows: readonly Row[]): Column[] {
  const seen = new Set<string>();
  for (const r of rows) for (const cls of Object.keys(errorsOf(r))) seen.add(cls);
  const classes = [...seen].sort(compareErrorClasses);
  return [
    { key: "failure", header: "Failure", kind: "text" },
    ...classes.map((cls): Column => ({
      key: `errors.${cls}`,
      header: cls.replace(/_/g, "\n"),
      kind: "count",
    })),
  ];
}

/** The `errors` object of a row (class → count); {} when absent. */
export function errorsOf(row: Row): Record<string, number> {
  const e = row.errors;
  if (e === null || typeof e !== "object") return {};
  return Object.fromEntries(Object.entries(e as Record<string, unknown>).map(([k, v]) => [k, Number(v)]));
}

/** A cell value, reaching into the errors object for `errors.<class>` keys (0 when absent). */
export function cellValue(row: Row, key: string): unknown {
  if (key.startsWith("errors.")) return errorsOf(row)[key.slice("errors.".length)] ?? 0;
  return row[key];
}

export function renderExtendedGroupTables(
  rows: readonly Row[],
  color: boolean,
  width?: number,
  manyRuns = false,
): string {
  const marks = color || width !== undefined; // as the reference table (summary.ts)
  let out = "";
  for (const t of extendedTables(rows, manyRuns)) {
    if (!t.columns.some((c) => c.kind !== "text")) continue; // no error at all in this group
    out += `\n${t.title}\n\n`;
    out += renderTable({
      headers: t.columns.map((c) => c.header),
      rows: rows.map((r) =>
        t.columns.map((c) =>
          marks
            ? markedCell(c.key, cellValue(r, c.key), c.kind, color)
            : formatCell(cellValue(r, c.key), c.kind),
        ),
      ),
      align: t.columns.map((c) => (c.kind === "text" ? "center" : "right")),
      color,
      width,
    });
    out += "\n";
  }
  return out;
}

export function renderExtendedGroupMarkdown(
  rows: readonly Row[],
  escape: (s: string) => string,
  manyRuns = false,
): string {
  const parts: string[] = [];
  for (const t of extendedTables(rows, manyRuns)) {
    if (!t.columns.some((c) => c.kind !== "text")) continue;
    const header = `| ${t.columns.map((c) => escape(c.header.replace(/\n/g, " "))).join(" | ")} |`;
    const rule = `|${t.columns.map((c) => (c.kind === "text" ? ":---:" : "---:")).join("|")}|`;
    const body = rows.map(
      (r) => `| ${t.columns.map((c) => escape(formatCell(cellValue(r, c.key), c.kind))).join(" | ")} |`,
    );
    parts.push(`#### ${t.title}\n\n${header}\n${rule}\n${body.join("\n")}\n`);
  }
  return parts.join("\n");
}

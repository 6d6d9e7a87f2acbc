/**
 * The summary in each output format. Tables and Markdown follow the reference's per-group layout;
 * JSON and CSV carry the machine keys of docs/contract.md#json-keys with unrounded seconds.
 */
import type { Row } from "../db.js";
import { runJsonKeys, summaryJsonKeys } from "../metrics/catalog.js";
import { referenceColumns, runColumn, type Column } from "./columns.js";
import { groupHeading, mdEscape, print, type Format } from "./print.js";
import { formatCell, markedCell } from "./format.js";
import { groupRows, orderedRows } from "./groups.js";
import { renderTable } from "./table.js";
import { renderExtendedGroupMarkdown, renderExtendedGroupTables } from "./extended.js";
import type { SortKey } from "../select.js";

// The formats are defined below the renderers (outputFormats.ts); re-exported for modules that import them here.
export { FORMATS, type Format } from "../outputFormats.js";

export interface SummaryRenderOptions {
  /** Show the two SLA violation columns (--sla given). */
  sla: boolean;
  color: boolean;
  /** Terminal tables: fit them to this many columns. */
  width?: number;
  /** Extra JSON keys (extended metrics) appended after the reference ones, when present. */
  extraKeys?: readonly string[];
  /** Tables and Markdown: follow each group's reference table with the extended tables (--extended). */
  extended?: boolean;
  /** --sort: the order of rows inside each test group (default: the reference order). */
  sort?: SortKey;
}

export function visibleColumns(sla: boolean): Column[] {
  return referenceColumns.filter((c) => sla || !c.key.startsWith("violations_"));
}

export function renderSummary(rows: readonly Row[], format: Format, options: SummaryRenderOptions): string {
  return print(format, {
    keys: jsonKeys(options),
    rows: () => summaryObjects(rows, options),
    table: () => renderSummaryTables(rows, options),
    markdown: () => renderSummaryMarkdown(rows, options),
  });
}

function jsonKeys(options: SummaryRenderOptions): string[] {
  return [...summaryJsonKeys, ...(options.extraKeys ?? []), ...runJsonKeys];
}

/** More than one run among these rows: tables then lead with a `Run` column. */
export function coversManyRuns(rows: readonly Row[]): boolean {
  return new Set(rows.map((r) => r.run ?? r.run_id)).size > 1;
}

/** The reference columns, led by `Run` when the rows come from more than one run. */
function tableColumns(rows: readonly Row[], sla: boolean): Column[] {
  const columns = visibleColumns(sla);
  return coversManyRuns(rows) ? [runColumn, ...columns] : columns;
}

/** Rows as JSON objects with exactly the documented keys, in display order. */
export function summaryObjects(
  rows: readonly Row[],
  options: SummaryRenderOptions,
): Record<string, unknown>[] {
  const keys = jsonKeys(options);
  return orderedRows(rows, options.sort).map((r) => Object.fromEntries(keys.map((k) => [k, r[k] ?? null])));
}

function renderSummaryTables(rows: readonly Row[], options: SummaryRenderOptions): string {
  const columns = tableColumns(rows, options.sla);
  // Marks for people (a terminal, or colour forced); a plain pipe gets the reference's exact table.
  const marks = options.color || options.width !== undefined;
  const cell = (r: Row, c: Column) =>
    marks ? markedCell(c.key, r[c.key], c.kind, options.color) : formatCell(r[c.key], c.kind);
  let out = "";
  for (const group of groupRows(rows, options.sort)) {
    out += `\n${groupHeading(`Test Group: ${group.name}`, "table", options.width)}\n\n`;
    out += renderTable({
      headers: columns.map((c) => c.header),
      rows: group.rows.map((r) => columns.map((c) => cell(r, c))),
      align: columns.map((c) => (c.kind === "text" ? "center" : "right")),
      color: options.color,
      width: options.width,
    });
    if (options.extended)
      out += `\n${renderExtendedGroupTables(group.rows, options.color, options.width, coversManyRuns(rows))}`;
    out += `\n\n${"=".repeat(Math.min(80, options.width ?? 80))}\n`;
  }
  return out;
}

function renderSummaryMarkdown(rows: readonly Row[], options: SummaryRenderOptions): string {
  const columns = tableColumns(rows, options.sla);
  const parts: string[] = [];
  for (const group of groupRows(rows, options.sort)) {
    const header = `| ${columns.map((c) => c.header.replace("\n", " ")).join(" | ")} |`;
    const rule = `|${columns.map((c) => (c.kind === "text" ? ":---:" : "---:")).join("|")}|`;
    const body = group.rows.map(
      (r) => `| ${columns.map((c) => mdEscape(formatCell(r[c.key], c.kind))).join(" | ")} |`,
    );
    parts.push(
      `### ${groupHeading(`Test Group: ${group.name}`, "markdown")}\n\n${header}\n${rule}\n${body.join("\n")}\n`,
    );
    if (options.extended) parts.push(renderExtendedGroupMarkdown(group.rows, mdEscape, coversManyRuns(rows)));
  }
  return parts.join("\n");
}

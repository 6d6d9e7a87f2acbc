/**
 * The print router: the one place that turns a result into each --format. A renderer describes its
 * result once (machine rows and keys, and how people see it), and `print` picks the form. Machines get
 * JSON (unrounded values, null for none) and CSV (csv.ts); people get boxed tables and Markdown.
 */
import { renderCsv } from "./csv.js";
import { printable } from "../messages.js";
import { fitLine } from "./fit.js";

import type { Format } from "../outputFormats.js";
export { FORMATS, type Format } from "../outputFormats.js";

export interface Printout {
  /** CSV columns (and JSON keys unless `json` is given), in order. */
  keys: readonly string[];
  /** The machine rows (CSV lines, JSON objects). */
  rows: () => readonly Record<string, unknown>[];
  /** JSON: this document instead of `rows` picked to `keys` (e.g. check's `{ok, counts, …}`). */
  json?: () => unknown;
  table: () => string;
  markdown: () => string;
}

export function print(format: Format, out: Printout): string {
  switch (format) {
    case "json":
      return JSON.stringify(out.json ? out.json() : pick(out.rows(), out.keys), null, 2) + "\n";
    case "csv":
      return renderCsv(out.keys, out.rows());
    case "table":
      return out.table();
    case "markdown":
      return out.markdown();
  }
}

function pick(rows: readonly Record<string, unknown>[], keys: readonly string[]): Record<string, unknown>[] {
  return rows.map((r) => Object.fromEntries(keys.map((k) => [k, r[k] ?? null])));
}

/** A `|` inside a Markdown table cell or heading would end the cell. */
export function mdEscape(s: string): string {
  return s.replace(/\|/g, "\\|");
}

/**
 * `Test Group: NAME` above a group's table. Group names come from directory names: no control
 * character reaches a terminal or a Markdown file, and Markdown gets its `|` escaped; every command
 * prints group headings through here so they cannot drift apart.
 */
export function groupHeading(text: string, format: "table" | "markdown", width?: number): string {
  return format === "markdown" ? mdEscape(printable(text)) : fitLine(printable(text), width);
}

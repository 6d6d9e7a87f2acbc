/** How one value is shown in tables, Markdown and CSV-for-humans: N/A for missing, Python-style .2f. */
import type { ColumnKind } from "./columns.js";
import { formatFixed2 } from "../number.js";
import { printable } from "../messages.js";
import { bad, missing } from "./marks.js";

/** Figures that are bad news when above zero: requests that failed, or broke the SLA, after the fault. */
const BAD_ABOVE_ZERO = new Set(["failed_after", "violations_after"]);

/** A cell for people at a terminal: those figures marked ✗ (and red), N/A in colour. */
export function markedCell(key: string, value: unknown, kind: ColumnKind, color: boolean): string {
  const text = formatCell(value, kind);
  if (value === null || value === undefined) return missing(text, color);
  return BAD_ABOVE_ZERO.has(key) && Number(value) > 0 ? bad(text, color) : text;
}

export function formatCell(value: unknown, kind: ColumnKind): string {
  if (value === null || value === undefined) return "N/A";
  switch (kind) {
    case "text":
      // names come from directory names: no control characters reach a terminal or a Markdown file
      return printable(String(value));
    case "count":
      return String(Math.round(Number(value)));
    case "seconds":
    case "ratio":
      return formatFixed2(Number(value));
    case "percent":
      // ratios (0..1) shown as percentages with one decimal
      return (Number(value) * 100).toFixed(1);
  }
}

/** How one value is shown in tables and Markdown, for every command: N/A for missing, Python-style .2f. */
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

/** One value as people see it, for every table of every command (the kinds: columns.ts). */
export function formatCell(value: unknown, kind: ColumnKind): string {
  if (value === null || value === undefined) return "N/A";
  switch (kind) {
    case "text":
      // names come from directory names: no control characters reach a terminal or a Markdown file
      return printable(String(value));
    case "shown":
      return String(value);
    case "count":
      return String(Math.round(Number(value)));
    case "seconds":
      return formatFixed2(Number(value));
    case "percent":
      // ratios (0..1) shown as percentages with one decimal
      return (Number(value) * 100).toFixed(1);
    case "ratio":
      return `${formatFixed2(Number(value) * 100)} %`;
    case "number":
      return Number.isInteger(Number(value)) ? String(value) : formatFixed2(Number(value));
    case "time":
      return String(value)
        .replace("T", " ")
        .replace(/\.000Z$|Z$/, "Z");
    case "labels":
      return typeof value === "object"
        ? Object.entries(value as Record<string, unknown>)
            .map(([k, x]) => `${k}=${String(x)}`)
            .join(" ")
        : String(value);
    case "bytes":
      return formatBytes(Number(value));
    case "auto":
      return typeof value === "object" ? JSON.stringify(value) : String(value);
  }
}

/** Numbers right, text left. */
export function isNumericKind(kind: ColumnKind): boolean {
  return (
    kind === "count" ||
    kind === "seconds" ||
    kind === "percent" ||
    kind === "ratio" ||
    kind === "number" ||
    kind === "bytes"
  );
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

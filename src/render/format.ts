/** How one value is shown in tables, Markdown and CSV-for-humans: N/A for missing, Python-style .2f. */
import type { ColumnKind } from "./columns.js";
import { formatFixed2 } from "./number.js";
import { printable } from "../messages.js";

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

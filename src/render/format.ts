/** How one value is shown in tables, Markdown and CSV-for-humans: N/A for missing, Python-style .2f. */
import type { ColumnKind } from "./columns.js";
import { formatFixed2 } from "./number.js";

export function formatCell(value: unknown, kind: ColumnKind): string {
  if (value === null || value === undefined) return "N/A";
  switch (kind) {
    case "text":
      return String(value);
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

/**
 * The runs of a history database as a list (`ftparse runs`, and what `ftparse ingest` added): one
 * row per run in every output format.
 */
import type { Row } from "../db.js";
import type { Format } from "./print.js";
import type { Column } from "./columns.js";
import { renderRows } from "./rows.js";

/** JSON keys of a run (stable: add, never rename). */
const runJsonKeys = [
  "run_id",
  "run_name",
  "root",
  "started_at",
  "ingested_at",
  "labels",
  "scenarios",
  "issues",
  "fingerprint",
  "source_files",
  "source_bytes",
  "tool_version",
  "tz",
] as const;

const runColumns: Column[] = [
  { key: "run_id", header: "Run", kind: "count" },
  { key: "run_name", header: "Name", kind: "text" },
  { key: "started_at", header: "Started", kind: "time" },
  { key: "ingested_at", header: "Ingested", kind: "time" },
  { key: "labels", header: "Labels", kind: "labels" },
  { key: "scenarios", header: "Scenarios", kind: "count" },
  { key: "issues", header: "Issues", kind: "count" },
  { key: "root", header: "Root", kind: "text" },
];

export function renderRunList(
  rows: readonly Row[],
  format: Format,
  color: boolean,
  options: { withStatus?: boolean; width?: number } = {},
): string {
  const columns = options.withStatus
    ? [runColumns[0]!, { key: "status", header: "Status", kind: "text" as const }, ...runColumns.slice(1)]
    : runColumns;
  const machineKeys = options.withStatus ? [...runJsonKeys, "status"] : runJsonKeys;
  const shown = rows.map((r) => ({
    ...r,
    run_name: r.run_name ?? (format === "table" || format === "markdown" ? "" : null),
  }));
  return renderRows(shown, columns, format, {
    color,
    width: options.width,
    machineKeys,
    emptyText: "(no runs)",
  });
}

/**
 * `ftparse runs --db FILE` — the runs of a history database, oldest first.
 *
 *   open FILE (read-only) ──► queries/runs_list.sql (over the run_overview view) ──► render
 */
import type { Row } from "../db.js";
import type { Effects } from "../effects.js";
import { ExitCode } from "../errors.js";
import { openStore } from "../history/open.js";
import { RUN_TABLES } from "../lake/read.js";
import type { StoreRef } from "../history/open.js";
import { renderRows, type RowColumn } from "../render/rows.js";
import type { Format } from "../render/summary.js";

export interface RunsOptions extends StoreRef {
  format: Format;
  last?: number;
  labels: Record<string, string>;
  waitSeconds: number;
}

export async function runs(options: RunsOptions, effects: Effects): Promise<ExitCode> {
  const db = await openStore(options, effects, { tables: RUN_TABLES });
  try {
    const labels = Object.entries(options.labels);
    const rows = await db.all("runs_list", {
      run_ids: null,
      last: options.last ?? null,
      label_keys: labels.map(([k]) => k),
      label_values: labels.map(([, v]) => v),
    });
    effects.stdout.write(
      renderRunList(rows, options.format, effects.color, { width: effects.stdoutColumns }),
    );
    return ExitCode.Ok;
  } finally {
    db.close();
  }
}

/** JSON keys of a run (stable: add, never rename). */
export const runJsonKeys = [
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

const runColumns: RowColumn[] = [
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

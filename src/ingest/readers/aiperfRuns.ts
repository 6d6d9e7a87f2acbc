/**
 * AI-Perf run folders, shared by the aiperf (G1 `client_N/attempt_M/`) and events (G2 `load/…`)
 * adapters: the aggregate summary (`profile_export_aiperf.json`, kept whole in `loads.aggregate`) and
 * the per-request records (`profile_export.jsonl` → `requests`), both read by DuckDB
 * (queries/ingest_load_aggregates.sql, queries/ingest_aiperf_records.sql, ingest_aiperf_requests.sql).
 */
import type { IngestContext } from "../types.js";
import { globLiterals } from "../fs/globLiteral.js";
import { loadTexts } from "./textFiles.js";

/** AI-Perf's default file names (docs/layouts/aiperf-files.md#default-names). */
export const AIPERF_SUMMARY = "profile_export_aiperf.json";
export const AIPERF_SUMMARY_CSV = "profile_export_aiperf.csv";
export const AIPERF_RECORDS = "profile_export.jsonl";
export const AIPERF_CONSOLE_LOG = "genai_perf.log";

export interface LoadRun {
  scenarioId: number;
  /** G1: client id (`3` for `client_3`); G2: load name. */
  client: string;
  /** G1: attempt number; G2: 0; null for a G1 client folder without attempts. */
  attempt: number | null;
  dir: string;
  /** Whether this run's requests are the ones the reference summary counts. */
  counted: boolean;
  summaryFile: string | null;
  recordsFile: string | null;
}

/** Register the runs in `loads`, attach their summaries and load their per-request records. */
export async function ingestLoadRuns(runs: readonly LoadRun[], ctx: IngestContext): Promise<void> {
  if (runs.length === 0) return;
  const { db } = ctx;
  await db.exec("reset_load_staging");
  await db.append(
    "load_dirs",
    ["BIGINT", "VARCHAR", "INTEGER", "VARCHAR", "BOOLEAN", "VARCHAR", "VARCHAR"],
    runs.map((r) => [r.scenarioId, r.client, r.attempt, r.dir, r.counted, r.summaryFile, r.recordsFile]),
  );
  await db.exec("ingest_loads");
  const summaries = runs.flatMap((r) => (r.summaryFile ? [r.summaryFile] : []));
  if (summaries.length > 0) {
    await db.exec("ingest_load_aggregates", { files: globLiterals(summaries), run_id: ctx.runId });
  }
  const records = runs.flatMap((r) => (r.recordsFile ? [r.recordsFile] : []));
  if (records.length > 0) {
    await db.exec("ingest_aiperf_records", { files: globLiterals(records) });
    const withBlankLines = await db.all("record_files_with_blank_lines");
    if (withBlankLines.length > 0) {
      await loadTexts(
        withBlankLines.map((r) => ({ file: String(r.file), scenarioId: Number(r.scenario_id) })),
        ctx,
      );
      await db.exec("ingest_record_line_map");
    }
    await db.exec("ingest_aiperf_requests", { run_id: ctx.runId });
  }
}

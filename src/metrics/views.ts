/**
 * The metrics stage: the SQL views of `queries/views/` that compute every figure, created in order
 * (each one is defined over the ones before it) with their session parameters bound. The SQL knows
 * the metrics (docs/metrics.md); this module only orders the views and binds the parameters, and is
 * the one place that knows which views a session needs.
 */
import type { Db, Row } from "../db.js";
import { EXTENDED_DEFAULTS, type ExtendedParams } from "./catalog.js";

export { EXTENDED_DEFAULTS, type ExtendedParams } from "./catalog.js";

/** The reference summary's views (docs/metrics.md), over the canonical tables. */
const SUMMARY_VIEWS = ["request_split", "summary"] as const;

/** The views of the extended figures (docs/metrics.md#extended), in dependency order (file name = view name). */
export const EXTENDED_VIEWS = [
  "failed_component",
  "request_errors",
  "client_seconds",
  "outages",
  "summary_ext",
  "watcher_pending",
] as const;

/** The timeline's views, over the ones above. */
const TIMELINE_VIEWS = ["timeline_origin", "timeline", "timeline_events"] as const;

/** The views of `--as dynamo` (the tables Dynamo's own parsers print), over the summary's. */
const DYNAMO_VIEWS = [
  "dynamo_aiperf_clients",
  "dynamo_aiperf",
  "fault_label",
  "dynamo_events",
  "watcher_pending",
  "dynamo_early",
] as const;

/**
 * What a session needs besides the tables:
 * - "history": the history commands, `ftparse query` and `--db` (the default). Reference data (TEMP
 *   tables), the macros, the session parameters, and the documented views (TEMP views) they read.
 * - "report": an in-memory `ftparse PATH` or `check`. Only the reference data the ingest reads and the
 *   macros (queries/macros.sql): the report creates its views once, after the ingest, with its own
 *   parameters (createSummaryViews, createExtendedViews), and never reads the history views.
 * Per-connection objects, never written to the file.
 */
export type SessionKind = "history" | "report";

/** A history session's views, at the parameters' defaults (no SLA; what history stores). */
const HISTORY_VIEWS = [
  ...SUMMARY_VIEWS,
  ...EXTENDED_VIEWS,
  ...TIMELINE_VIEWS,
  "history_metrics",
  "metric_catalog",
  "run_overview",
  "metric_history",
] as const;

/** What every session starts with (a report's session is only this): parameter-free files. */
export const SESSION_BASE = ["reference_data", "macros"] as const;

/** Create what a session needs (see SessionKind), in order. */
export async function startSession(db: Db, session: SessionKind): Promise<void> {
  await db.execBatch(SESSION_BASE);
  if (session === "report") return;
  await bindSla(db, undefined);
  await bindExtendedParams(db, EXTENDED_DEFAULTS);
  for (const view of HISTORY_VIEWS) await db.exec(view);
}

/** --sla as the session parameter the summary views read (none: no SLA columns). */
async function bindSla(db: Db, sla: number | undefined): Promise<void> {
  await db.exec("report_params", { sla: sla ?? null });
}

/** Set --sla and (re)create the summary views, without reading them. */
export async function createSummaryViews(db: Db, sla: number | undefined): Promise<void> {
  await bindSla(db, sla);
  for (const view of SUMMARY_VIEWS) await db.exec(view);
}

/**
 * Set the session parameters and (re)create the views of the extended figures (docs/metrics.md#extended),
 * over the summary views. The timeline's views are left to timelineData: a report without --out
 * never reads them.
 */
export async function createExtendedViews(db: Db, params: ExtendedParams): Promise<void> {
  await bindExtendedParams(db, params);
  for (const view of EXTENDED_VIEWS) await db.exec(view);
}

/** --window, --recovered-ratio, --bucket as the session parameters the views read (queries/ext_params.sql). */
async function bindExtendedParams(db: Db, params: ExtendedParams): Promise<void> {
  await db.exec("ext_params", {
    window_s: params.windowS,
    recovered_ratio: params.recoveredRatio,
    bucket_s: params.bucketS,
  });
}

/** (Re)create the views of `--as dynamo`, over the summary's. */
export async function createDynamoViews(db: Db): Promise<void> {
  for (const view of DYNAMO_VIEWS) await db.exec(view);
}

/** Summary rows (view `summary`) of the given runs with the extended figures (docs/metrics.md#extended). */
export async function extendedSummaryRows(db: Db, runIds: readonly number[]): Promise<Row[]> {
  return db.all("summary_ext_rows", { run_ids: runIds });
}

export interface TimelineData {
  /** One row per scenario and bucket (view `timeline`). */
  buckets: Row[];
  /** Timed facts on the same clock (view `timeline_events`). */
  events: Row[];
  /** Client-visible outages, seconds after F (view `outages`). */
  outages: Row[];
}

/** The timeline of the given runs; (re)creates its views over those of createExtendedViews. */
export async function timelineData(db: Db, runIds: readonly number[]): Promise<TimelineData> {
  for (const view of TIMELINE_VIEWS) await db.exec(view);
  return {
    buckets: await db.all("timeline_rows", { run_ids: runIds }),
    events: await db.all("timeline_event_rows", { run_ids: runIds }),
    outages: await db.all("outage_rows", { run_ids: runIds }),
  };
}

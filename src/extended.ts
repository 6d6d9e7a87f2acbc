/**
 * The figures beyond the reference (docs/metrics.md#extended) and the timeline: creates the views of `queries/` that
 * compute them and reads their rows. The SQL knows the metrics; this module only orders the views
 * (each one is defined over the ones before it) and binds the parameters.
 */
import type { Db, Row } from "./db.js";

export interface ExtendedParams {
  /** --window: seconds a client-visible recovery must hold. */
  windowS: number;
  /** --recovered-ratio: success ratio (0..1) every second of that window must reach. */
  recoveredRatio: number;
  /** --bucket: timeline bucket size in seconds. */
  bucketS: number;
}

export const EXTENDED_DEFAULTS: ExtendedParams = { windowS: 10, recoveredRatio: 0.9, bucketS: 1 };

/** The views of the extended figures (docs/metrics.md#extended), in dependency order (file name = view name). */
export const EXTENDED_VIEWS = [
  "failed_component",
  "request_errors",
  "client_seconds",
  "outages",
  "summary_ext",
  "watcher_pending",
] as const;

/** The timeline's views, over the ones above; db.ts creates both lists in every history session. */
export const TIMELINE_VIEWS = ["timeline_origin", "timeline", "timeline_events"] as const;

/**
 * Set the session parameters and (re)create the views of the extended figures (docs/metrics.md#extended). Needs the canonical tables.
 * The timeline's views are left to timelineData: a report without --out never reads them.
 */
export async function createExtendedViews(db: Db, params: ExtendedParams): Promise<void> {
  await db.exec("ext_params", {
    window_s: params.windowS,
    recovered_ratio: params.recoveredRatio,
    bucket_s: params.bucketS,
  });
  for (const view of EXTENDED_VIEWS) await db.exec(view);
}

/** Summary rows (view `summary`, created by computeSummary) of the given runs with the extended figures (docs/metrics.md#extended). */
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

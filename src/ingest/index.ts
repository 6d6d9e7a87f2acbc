/**
 * Stage 2: the adapter registry and the ingest of discovered scenarios into the canonical tables.
 * A new layout is one adapter file plus one line in `adapters`.
 */
import type { Adapter, IngestContext, Layout, ScenarioDir } from "./types.js";
import { legacyAdapter } from "./adapters/legacy.js";
import { aiperfAdapter } from "./adapters/aiperf.js";
import { eventsAdapter } from "./adapters/events.js";
import { earlyAdapter } from "./adapters/early.js";
import type { ColumnType, Db } from "../db.js";
import { closeLanes, openLanes } from "./readers/lanes.js";
import type { IngestProgress } from "../progress.js";
import type { FoundScenario } from "./types.js";
import type { Warnings } from "../messages.js";
import { EARLY_PREFIX, parseScenarioName } from "../scenarioName.js";
import { VERSION } from "../version.js";

export const adapters: Record<Layout, Adapter> = {
  events: eventsAdapter,
  aiperf: aiperfAdapter,
  legacy: legacyAdapter,
  early: earlyAdapter,
};

/**
 * Detection order (docs/layouts/index.md#detection-order): events, then AI-Perf, then legacy. A directory holding both
 * AI-Perf client folders and legacy client logs is AI-Perf, as in Dynamo's parse_factory. The early
 * local suite's folders hold legacy-like client logs too: they are told apart by name first.
 */
export const adaptersInDetectionOrder: readonly Adapter[] = [
  adapters.events,
  adapters.aiperf,
  adapters.early,
  adapters.legacy,
];

export interface IngestOptions {
  tz: string;
  labels?: Record<string, string>;
  fingerprint?: string | null;
  /** --run-id: the user's name for the run. */
  runName?: string | null;
  /** Size of the tree that was fingerprinted. */
  sourceFiles?: number | null;
  sourceBytes?: number | null;
  now: Date;
  warnings: Warnings;
  /**
   * A --db store: keep every fact (every pod log line, the Prometheus samples), all in the caller's
   * transaction. Otherwise (the in-memory report) only what the metrics read is loaded, on several
   * connections at once (src/ingest/readers/lanes.ts).
   */
  archive?: boolean;
  /** Told which scenarios are read, as they are (the progress bar). */
  progress?: IngestProgress;
}

export interface IngestedRun {
  runId: number;
  root: string;
  scenarios: ScenarioDir[];
}

/** Create the per-connection staging tables. Call once per ingest. */
async function prepareStaging(db: Db): Promise<void> {
  await db.exec("staging");
}

/** Register one run (one results tree) and its scenarios, then let each layout's adapter load them. */
export async function ingestRun(
  db: Db,
  root: string,
  found: readonly FoundScenario[],
  options: IngestOptions,
): Promise<IngestedRun> {
  // the report's lanes start setting up now, while this connection registers the run
  let lanes = options.archive ? null : openLanes(db);
  try {
    return await registerAndIngest(db, root, found, options, () => {
      const taken = lanes;
      lanes = null;
      return taken;
    });
  } finally {
    await closeLanes(lanes);
  }
}

async function registerAndIngest(
  db: Db,
  root: string,
  found: readonly FoundScenario[],
  options: IngestOptions,
  takeLanes: () => Promise<Db[]> | null,
): Promise<IngestedRun> {
  await prepareStaging(db);
  const labels = Object.entries(options.labels ?? {});
  const [{ run_id }] = (await db.all("insert_run", {
    root,
    fingerprint: options.fingerprint ?? null,
    ingested_at: options.now,
    label_keys: labels.map(([k]) => k),
    label_values: labels.map(([, v]) => v),
    tool_version: VERSION,
    tz: options.tz,
    name: options.runName ?? null,
    source_files: options.sourceFiles ?? null,
    source_bytes: options.sourceBytes ?? null,
  })) as [{ run_id: number }];
  const ids = (await db.all("next_scenario_ids", { n: found.length })).map((r) => Number(r.scenario_id));
  const scenarios: ScenarioDir[] = [];
  const rows: unknown[][] = [];
  for (const [i, f] of found.entries()) {
    const scenario_id = ids[i]!;
    // Event-harness directories are named after the pytest node (`test_worker_kill_vllm`,
    // `test_endurance[u1-kv]`): the whole name is the group, the failure comes from the fault events.
    const name =
      f.layout === "events"
        ? { testGroup: f.name, failure: "none", backend: null, conventional: true }
        : parseScenarioName(f.name, f.layout === "early" ? EARLY_PREFIX : undefined);
    if (!name.conventional) {
      options.warnings.add({
        file: f.dir,
        message: `directory name is not ${f.layout === "early" ? EARLY_PREFIX : "test_fault_scenario["}<group>-<failure>]; read as group "${name.testGroup}", failure "${name.failure}"`,
      });
    }
    scenarios.push({
      scenarioId: scenario_id,
      runId: run_id,
      dir: f.dir,
      layout: f.layout,
      listing: f.listing,
    });
    rows.push([scenario_id, run_id, f.dir, f.name, f.layout, name.testGroup, name.failure, name.backend]);
  }
  await db.append(
    "scenarios",
    // all columns of `scenarios`; the test-log columns are filled later by the adapters
    [
      ...Array<ColumnType>(2).fill("BIGINT"),
      ...Array<ColumnType>(6).fill("VARCHAR"),
      "TIMESTAMPTZ",
      "TIMESTAMPTZ",
      "VARCHAR",
      "TIMESTAMPTZ",
      "VARCHAR",
      "VARCHAR",
      "VARCHAR",
      "VARCHAR", // layout_variant (set by the adapter)
      "DOUBLE", // startup_reported_s
    ],
    rows,
  );
  const ctx: IngestContext = {
    db,
    tz: options.tz,
    runId: run_id,
    warnings: options.warnings,
    archive: options.archive ?? false,
    takeLanes,
    progress: options.progress,
  };
  for (const adapter of adaptersInDetectionOrder) {
    const batch = scenarios.filter((s) => s.layout === adapter.layout);
    if (batch.length > 0) await adapter.ingest(batch, ctx);
    // an adapter may report its scenarios as it goes (legacy does); all of them are read now
    options.progress?.done(batch.map((s) => s.scenarioId));
  }
  return { runId: run_id, root, scenarios };
}

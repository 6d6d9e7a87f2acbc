/**
 * The adapter contract. An adapter knows one layout's files and fills the canonical tables
 * (queries/schema.sql) through DuckDB's readers; it computes no metric.
 */
import type { Dirent } from "node:fs";
import type { Db } from "../db.js";
import type { Warnings } from "../messages.js";
import type { IngestProgress } from "../progress.js";

export type Layout = "legacy" | "aiperf" | "events" | "early";

/** A scenario directory found by discovery, with its id once registered in `scenarios`. */
export interface ScenarioDir {
  scenarioId: number;
  runId: number;
  /** Absolute path. */
  dir: string;
  layout: Layout;
  /** The directory's entries as discovery listed them, when it did. */
  listing?: readonly Dirent[];
}

export interface IngestContext {
  db: Db;
  /** IANA zone of naive timestamps (client `time`, test.log). */
  tz: string;
  runId: number;
  warnings: Warnings;
  /**
   * Keep every fact (a --db store: every pod log line, the Prometheus samples), or only what the
   * metrics read (the in-memory report: pod log lines that can be ready lines, no metrics files).
   */
  archive: boolean;
  /**
   * The lanes opened when the ingest started (lanes.ts), handed to the first adapter that asks (null
   * afterwards, or for a --db store); the ingest closes them if no adapter took them.
   */
  takeLanes?: () => Promise<Db[]> | null;
  /** Told which scenarios are read, as they are (the progress bar); none when nobody watches. */
  progress?: IngestProgress;
}

export interface Adapter {
  layout: Layout;
  /** Does this directory (whose entries, sorted by name, are given) hold a scenario of this layout? */
  detect(dir: string, entries: readonly Dirent[]): Promise<boolean>;
  /** Load a batch of scenarios of this layout into the canonical tables. */
  ingest(scenarios: readonly ScenarioDir[], ctx: IngestContext): Promise<void>;
}

/** A scenario directory found by discovery (src/discover.ts), the unit the ingest reads. */
export interface FoundScenario {
  /** The PATH argument this scenario was found under, resolved. */
  root: string;
  dir: string;
  name: string;
  layout: Layout;
  /** The directory's entries as discovery listed them: the adapters need not list it again. */
  listing?: readonly Dirent[];
}

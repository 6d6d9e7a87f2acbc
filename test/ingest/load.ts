/**
 * Load result trees into a fresh in-memory database (stages 1–2) keeping every fact, as a --db store
 * does: these tests look at the canonical tables themselves. (The report keeps only what its metrics
 * read: test/ingest/lean.test.ts.)
 */
import type { Db, Row } from "../../src/db.js";
import { openDatabase } from "../../src/schema.js";
import { recordingEffects } from "../../src/effects.js";
import { loadResults } from "../../src/pipeline.js";
import { Warnings } from "../../src/messages.js";

export interface LoadedDb {
  db: Db;
  runIds: number[];
  warnings: Warnings;
  /** Ad-hoc SQL over the canonical tables (tests only). */
  q: (sql: string, params?: Record<string, string | number>) => Promise<Row[]>;
}

export async function loadInto(paths: string[], tz = "UTC", archive = true): Promise<LoadedDb> {
  const db = await openDatabase();
  const warnings = new Warnings();
  const loaded = await loadResults(db, { paths, tz, archive }, recordingEffects(warnings).effects);
  return { db, runIds: loaded.runIds, warnings, q: (sql, params = {}) => db.sql(sql, params) };
}

/**
 * Detectors for the newer layouts (newer-layouts §7), so that discovery classifies them correctly
 * even before their adapters read them: a scenario of such a layout is reported as an input issue
 * (never mistaken for a legacy directory because it also holds a test.log.txt).
 */
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import type { Adapter, IngestContext, Layout, ScenarioDir } from "./types.js";

export async function looksLikeEvents(entries: readonly string[]): Promise<boolean> {
  return (
    entries.includes("fault_tolerance_report.json") ||
    entries.includes("load") ||
    entries.includes("load_results") ||
    entries.some((e) => /^load-.+-.+$/.test(e))
  );
}

export async function looksLikeAiperf(dir: string, entries: readonly string[]): Promise<boolean> {
  for (const client of entries.filter((e) => /^client_\d+$/.test(e))) {
    let attempts: string[];
    try {
      attempts = await readdir(join(dir, client));
    } catch {
      continue; // not a folder (or unreadable): not an AI-Perf client folder
    }
    if (attempts.some((a) => a.startsWith("attempt_"))) return true;
  }
  return false;
}

export function unsupportedAdapter(layout: Layout, detect: Adapter["detect"]): Adapter {
  return {
    layout,
    detect,
    async ingest(scenarios: readonly ScenarioDir[], ctx: IngestContext) {
      await ctx.db.append(
        "ingest_issues",
        ["BIGINT", "BIGINT", "VARCHAR", "BIGINT", "VARCHAR", "VARCHAR"],
        scenarios.map((s) => [
          ctx.runId,
          s.scenarioId,
          s.dir,
          null,
          "error",
          `the ${layout} layout is not read yet`,
        ]),
      );
    },
  };
}

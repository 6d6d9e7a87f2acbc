/**
 * Stages 1–2 shared by every command that reads result trees (report, check, ingest, run):
 * discover scenario directories under each PATH, then ingest each PATH as one run.
 */
import type { Db } from "./db.js";
import { discover } from "./discover.js";
import type { FoundScenario } from "./ingest/types.js";
import { ExitCode, FtparseError } from "./errors.js";
import type { Effects } from "./effects.js";
import { ingestRun, type IngestedRun } from "./ingest/index.js";
import { timed } from "./profile.js";
import { msg } from "./messages.js";
import { ProgressBar } from "./render/progress.js";

export interface LoadOptions {
  paths: readonly string[];
  tz: string;
  labels?: Record<string, string>;
  /** Keep every fact, not only what the metrics read (see IngestOptions.archive). */
  archive?: boolean;
}

export interface Loaded {
  runs: IngestedRun[];
  runIds: number[];
  scenarioCount: number;
}

export async function loadResults(db: Db, options: LoadOptions, effects: Effects): Promise<Loaded> {
  return ingestScenarios(db, await findScenarios(options.paths, effects), options, effects);
}

/** Stage 1: the scenario directories under the PATHs; none is a usage error. */
export async function findScenarios(paths: readonly string[], effects: Effects): Promise<FoundScenario[]> {
  const found = await timed("discover", () => discover(paths, effects.warnings));
  if (found.length === 0) {
    throw new FtparseError(msg.noScenarios(paths.slice()), {
      exitCode: ExitCode.Usage,
      hint: "point ftparse at a results folder, e.g. `ftparse results/`",
    });
  }
  return found;
}

/** Stage 2: ingest the found scenarios, one run per PATH they were found under. */
export async function ingestScenarios(
  db: Db,
  found: readonly FoundScenario[],
  options: LoadOptions,
  effects: Effects,
): Promise<Loaded> {
  const bar = ProgressBar.start(effects, found.length);
  const runs: IngestedRun[] = [];
  try {
    for (const [root, group] of byRoot(found)) {
      runs.push(
        await ingestRun(db, root, group, {
          tz: options.tz,
          labels: options.labels,
          archive: options.archive,
          now: effects.now(),
          warnings: effects.warnings,
          progress: bar,
        }),
      );
    }
  } finally {
    bar?.clear();
  }
  return { runs, runIds: runs.map((r) => r.runId), scenarioCount: found.length };
}

function byRoot(found: readonly FoundScenario[]): Map<string, FoundScenario[]> {
  const m = new Map<string, FoundScenario[]>();
  for (const f of found) {
    let list = m.get(f.root);
    if (!list) m.set(f.root, (list = []));
    list.push(f);
  }
  return m;
}

/** A one-line progress note, only when stderr is a terminal; "" clears it. */
export function progress(effects: Effects, text: string): void {
  if (!effects.stderrIsTTY) return;
  effects.stderr.write(`\r\u001b[2K${text}`);
}

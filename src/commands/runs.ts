/**
 * `ftparse runs --db FILE` — the runs of a history database, oldest first.
 *
 *   open FILE (read-only) ──► queries/runs_list.sql (over the run_overview view) ──► render
 */
import type { Effects } from "../effects.js";
import { ExitCode } from "../errors.js";
import { openStore } from "../history/open.js";
import { RUN_TABLES } from "../lake/read.js";
import type { StoreRef } from "../history/open.js";
import { renderRunList } from "../render/runList.js";
import type { Format } from "../render/print.js";

export interface RunsOptions extends StoreRef {
  format: Format;
  last?: number;
  labels: Record<string, string>;
  waitSeconds: number;
}

export async function runs(options: RunsOptions, effects: Effects): Promise<ExitCode> {
  const db = await openStore(options, effects, { tables: RUN_TABLES, threads: 1 });
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

/**
 * `ftparse lake compact DIR` — merge the per-run files of a lake's old months into one file per table
 * and month (src/lake/compact.ts, docs/lake.md#compaction). Prints what it did: one row per month.
 */
import type { Effects } from "../effects.js";
import { ExitCode, usageError } from "../errors.js";
import { compactLake } from "../lake/compact.js";
import { renderRows } from "../render/rows.js";
import type { Format } from "../render/summary.js";

export interface CompactCommandOptions {
  dir: string;
  before?: string;
  retainMinutes: number;
  staleHours: number;
  format: Format;
}

/** Per-run files of compacted runs stay this long after the commit, for readers that listed them. */
export const DEFAULT_RETAIN_MINUTES = 60;

export async function lakeCompact(options: CompactCommandOptions, effects: Effects): Promise<ExitCode> {
  if (options.before !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(options.before))
    throw usageError(`--before ${options.before}: expected a month as YYYY-MM`, "e.g. --before 2026-01");
  const result = await compactLake(options.dir, {
    before: options.before,
    retainMinutes: options.retainMinutes,
    now: effects.now,
    staleHours: options.staleHours,
  });
  if (result.months.length === 0) effects.stderr.write(`${options.dir}: no old month has runs to compact\n`);
  if (result.removed > 0)
    effects.stderr.write(`${options.dir}: removed ${result.removed} superseded folder(s)\n`);
  if (result.staleStages > 0)
    effects.stderr.write(
      `${options.dir}: removed ${result.staleStages} staging folder(s) of writers that died (in .tmp)\n`,
    );
  effects.stdout.write(
    renderRows(
      result.months.map((m) => ({ ...m })),
      [
        { key: "month", header: "Month", kind: "text" },
        { key: "generation", header: "Generation", kind: "count" },
        { key: "runs", header: "Runs merged", kind: "count" },
        { key: "status", header: "Status", kind: "text" },
      ],
      options.format,
      { color: effects.color, machineKeys: ["month", "generation", "runs", "status"] },
    ),
  );
  return ExitCode.Ok;
}

/**
 * `ftparse lake compact DIR`: the per-run files of old months merged into one file per table and
 * month (docs/lake.md#compaction). A year of nightly runs is 4,000+ small files; compacted, a trend
 * opens a dozen.
 *
 *   per old month with runs not yet compacted:
 *     COPY every table's rows of those runs (+ the month's previous generation) into
 *     DIR/.tmp/<stage>/<table>.parquet ──► rename the stage to DIR/compacted/YYYY-MM.gNNNNNN (commit)
 *   then, for generations committed longer ago than the retention: remove the per-run folders they
 *   cover (`runs` first) and the older generations of the month; and the staging folders of dead
 *   writers (sweep.ts).
 *
 * What a reader sees (read.ts lists compacted months first, then per-run folders): before the rename,
 * the per-run files; after it, the merged file, the per-run files of covered runs being skipped. The
 * per-run files stay for the retention time, so a reader that listed them just before the commit can
 * still open them. No lock: two compactors of one month race on the rename of one folder name; the
 * loser drops its stage. Runs ingested into a compacted month later are read from their own files
 * until the next compaction takes them into a new generation.
 */
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { copyFile, mkdir, rename, rm, stat } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { Db } from "../db.js";
import {
  assertLake,
  committedRuns,
  compactedFile,
  compactedFolder,
  compactedGenerations,
  compactedMonths,
  LAKE_TABLES,
  partFile,
  runFolder,
  STAGING,
  type CompactedMonth,
  type LakeRun,
} from "./layout.js";
import { sweepStaleStages } from "./sweep.js";

export interface CompactOptions {
  /** Months before this one (YYYY-MM) are compacted; default: the current UTC month. */
  before?: string;
  /** Per-run files of compacted runs are removed this long after the compaction's commit. */
  retainMinutes: number;
  /** The clock that decides the current month. */
  now: () => Date;
  /** Staging folders untouched this long are removed (sweep.ts). */
  staleHours: number;
}

export interface CompactedReport {
  month: string;
  generation: number;
  /** Runs taken from their own files into this generation. */
  runs: number;
  status: "compacted" | "raced";
}

export interface CompactResult {
  months: CompactedReport[];
  /** Per-run folders (one per table and run) and older generations removed. */
  removed: number;
  /** Staging folders of dead writers removed. */
  staleStages: number;
}

export async function compactLake(dir: string, options: CompactOptions): Promise<CompactResult> {
  assertLake(dir);
  const before = options.before ?? options.now().toISOString().slice(0, 7);
  const latest = new Map((await compactedMonths(dir)).map((m) => [m.month, m]));
  const listed = await committedRuns(dir);
  const db = await Db.open({});
  const months: CompactedReport[] = [];
  try {
    const byMonth = new Map<string, LakeRun[]>();
    for (const r of listed) {
      const month = r.date.slice(0, 7);
      if (month < before) byMonth.set(month, [...(byMonth.get(month) ?? []), r]);
    }
    for (const [month, runs] of byMonth) {
      const prev = latest.get(month);
      const covered = prev ? await coveredIds(db, prev) : new Set<string>();
      const fresh = runs.filter((r) => !covered.has(r.id));
      if (fresh.length === 0) continue;
      const generation = (prev?.generation ?? 0) + 1;
      const status = await writeGeneration(db, dir, month, generation, fresh, prev);
      months.push({ month, generation, runs: fresh.length, status });
    }
    const removed = await removeSuperseded(db, dir, options);
    const staleStages = await sweepStaleStages(dir, options.staleHours);
    return { months, removed, staleStages };
  } finally {
    db.close();
  }
}

async function writeGeneration(
  db: Db,
  dir: string,
  month: string,
  generation: number,
  runs: readonly LakeRun[],
  prev: CompactedMonth | undefined,
): Promise<"compacted" | "raced"> {
  const stage = join(
    dir,
    STAGING,
    `compact-${month}-${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`,
  );
  await mkdir(stage, { recursive: true });
  try {
    for (const table of LAKE_TABLES) {
      const files = runs.map((r) => partFile(dir, table, r)).filter((f) => existsSync(f));
      const prevFile = prev ? compactedFile(prev, table) : undefined;
      const onto = prevFile !== undefined && existsSync(prevFile);
      // A table no run has a file of (written before the table existed) stays absent: it reads as empty.
      if (files.length === 0 && !onto) continue;
      const target = join(stage, `${table}.parquet`);
      // No new rows for this table: the previous generation's file as it is.
      if (files.length === 0) {
        await copyFile(prevFile!, target);
        continue;
      }
      await db.sql("SET VARIABLE lake_compact_small = $files::VARCHAR[]", { files });
      if (onto) await db.sql("SET VARIABLE lake_compact_prev = $files::VARCHAR[]", { files: [prevFile] });
      await db.sql("SET VARIABLE lake_file = $file", { file: target });
      await db.exec(onto ? "lake_compact_table_onto" : "lake_compact_table");
    }
    const target = compactedFolder(dir, month, generation);
    await mkdir(join(dir, "compacted"), { recursive: true });
    try {
      // The commit: one rename of a whole folder. An existing target (another compactor of this
      // month) makes it fail instead of replacing it.
      await rename(stage, target);
      return "compacted";
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "ENOTEMPTY" || code === "EEXIST") return "raced";
      throw e;
    }
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}

async function coveredIds(db: Db, month: CompactedMonth): Promise<Set<string>> {
  await db.sql("SET VARIABLE lake_file = $file", { file: compactedFile(month, "runs") });
  return new Set((await db.all("lake_compacted_run_ids")).map((r) => String(r.run_id)));
}

/**
 * Remove what the latest generation of each month superseded once it has been committed longer than
 * the retention: the per-run folders of the runs it covers (`runs` first, so that an engine joining
 * with `runs` never sees half a run) and the month's older generations.
 */
async function removeSuperseded(db: Db, dir: string, options: CompactOptions): Promise<number> {
  // Against the file system's clock (the folder's mtime), not the command's notion of now.
  const cutoff = Date.now() - options.retainMinutes * 60_000;
  const generations = await compactedGenerations(dir);
  const latest = new Map(generations.map((g) => [g.month, g]));
  const listed = await committedRuns(dir);
  let removed = 0;
  for (const month of latest.values()) {
    if ((await stat(month.folder)).mtimeMs > cutoff) continue;
    const covered = await coveredIds(db, month);
    for (const run of listed.filter((r) => covered.has(r.id))) {
      for (const table of ["runs", ...LAKE_TABLES.filter((t) => t !== "runs")]) {
        const folder = runFolder(dir, table, run);
        if (!existsSync(folder)) continue;
        await rm(folder, { recursive: true, force: true });
        removed++;
      }
    }
    for (const old of generations.filter((g) => g.month === month.month && g.generation < month.generation)) {
      await rm(old.folder, { recursive: true, force: true });
      removed++;
    }
  }
  return removed;
}

/** The run date of a run a compacted month holds (its own folders may be gone), else undefined. */
export async function compactedRunDate(dir: string, id: string): Promise<string | undefined> {
  const months = await compactedMonths(dir);
  if (months.length === 0) return undefined;
  const db = await Db.open({});
  try {
    await db.sql("SET VARIABLE lake_compacted_runs = $files::VARCHAR[]", {
      files: months.map((m) => compactedFile(m, "runs")),
    });
    const [row] = await db.all("lake_compacted_run", { id });
    return row ? String(row.run_date) : undefined;
  } finally {
    db.close();
  }
}

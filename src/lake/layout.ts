/**
 * Where a lake keeps what (docs/lake.md): one folder per table, partitioned by run date and run id,
 *
 *   DIR/<table>/run_date=YYYY-MM-DD/run_id=<id>/part-0.parquet
 *
 * and the run's row under DIR/runs/…, written last: a run exists for ftparse once that folder does.
 * Writers stage under DIR/.tmp/ (ignored by every reader) and rename into place.
 */
import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { ExitCode, FtparseError } from "../errors.js";

/** The canonical tables a run writes, `runs` last (its folder is the commit point). */
export const LAKE_TABLES = [
  "scenarios",
  "requests",
  "log_lines",
  "containers",
  "metrics",
  "events",
  "ingest_issues",
  "scenario_metrics",
  "loads",
  "harness_events",
  "report_rows",
  "runs",
] as const;
export type LakeTable = (typeof LAKE_TABLES)[number];

/** Tables whose rows carry run_id (the partition key replaces it in the files). */
export const RUN_KEYED: ReadonlySet<string> = new Set(["runs", "scenarios", "ingest_issues"]);

/** Version of the folder layout and of the extra columns of `runs` files (docs/lake.md). */
export const LAKE_FORMAT = 2;

/** The staging folder of writers, inside DIR so that the final rename stays on one file system. */
export const STAGING = ".tmp";

const DATE_DIR = /^run_date=(\d{4}-\d{2}-\d{2})$/;
const ID_DIR = /^run_id=([0-9a-f]{32})$/;

/**
 * A run's id in the lake: the first 128 bits of its content fingerprint. Writers on any machine give
 * the same tree the same id and different trees different ids, with nothing to coordinate: the id
 * is the idempotency key and the folder name at once.
 */
export function lakeRunId(fingerprint: string): string {
  const m = /^sha256:([0-9a-f]{64})$/.exec(fingerprint);
  if (!m) throw new Error(`not a sha256 fingerprint: ${fingerprint}`);
  return m[1]!.slice(0, 32);
}

export interface LakeRun {
  id: string;
  date: string;
}

/** The folder of one table's part of one run. */
export function runFolder(dir: string, table: string, run: LakeRun): string {
  return join(dir, table, `run_date=${run.date}`, `run_id=${run.id}`);
}

export function partFile(dir: string, table: string, run: LakeRun): string {
  return join(runFolder(dir, table, run), "part-0.parquet");
}

/**
 * A run's manifest (lake format 2): its runs row as one JSON line, next to its runs file and committed
 * with it. The leading `_` keeps engines that read every file of a folder (Spark, Hive, Trino) off it.
 */
export function manifestFile(dir: string, run: LakeRun): string {
  return join(runFolder(dir, "runs", run), "_manifest.json");
}

/** The committed runs of a lake: those whose `runs` file is in place, by date then id. */
export async function committedRuns(dir: string): Promise<LakeRun[]> {
  const runsDir = join(dir, "runs");
  const out: LakeRun[] = [];
  for (const d of (await readdirOrEmpty(runsDir)).sort()) {
    const date = DATE_DIR.exec(d)?.[1];
    if (date === undefined) continue;
    for (const r of (await readdirOrEmpty(join(runsDir, d))).sort()) {
      const id = ID_DIR.exec(r)?.[1];
      if (id !== undefined && existsSync(partFile(dir, "runs", { id, date }))) out.push({ id, date });
    }
  }
  return out;
}

/** The lake folder must exist and be a lake (or empty) for reading. */
export function assertLake(dir: string): void {
  if (!existsSync(dir)) {
    throw new FtparseError(`no lake at ${dir}`, {
      exitCode: ExitCode.Usage,
      hint: "create it with `ftparse ingest RESULTS… --lake DIR`",
    });
  }
}

async function readdirOrEmpty(path: string): Promise<string[]> {
  try {
    return await readdir(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw e;
  }
}

/**
 * Compacted months (`ftparse lake compact`, src/lake/compact.ts): one folder per month and
 * generation, `DIR/compacted/YYYY-MM.gNNNNNN/<table>.parquet`, each file holding the rows of every
 * run it covers with `run_id` and `run_date` as columns. The folder appears by one rename (its
 * commit); a reader takes the highest generation of each month and reads the per-run files only of
 * runs that generation does not cover.
 */
export const COMPACTED = "compacted";

export interface CompactedMonth {
  month: string;
  generation: number;
  folder: string;
}

const GEN_DIR = /^(\d{4}-\d{2})\.g(\d{6})$/;

export function compactedFolder(dir: string, month: string, generation: number): string {
  return join(dir, COMPACTED, `${month}.g${String(generation).padStart(6, "0")}`);
}

export function compactedFile(month: CompactedMonth, table: string): string {
  return join(month.folder, `${table}.parquet`);
}

/** Every committed generation of every compacted month, oldest month and generation first. */
export async function compactedGenerations(dir: string): Promise<CompactedMonth[]> {
  const out: CompactedMonth[] = [];
  for (const name of (await readdirOrEmpty(join(dir, COMPACTED))).sort()) {
    const m = GEN_DIR.exec(name);
    if (m) out.push({ month: m[1]!, generation: Number(m[2]), folder: join(dir, COMPACTED, name) });
  }
  return out;
}

/** The generation a reader reads of each month: the highest. */
export async function compactedMonths(dir: string): Promise<CompactedMonth[]> {
  const latest = new Map<string, CompactedMonth>();
  for (const g of await compactedGenerations(dir)) latest.set(g.month, g);
  return [...latest.values()];
}

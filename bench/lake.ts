/**
 * `npm run bench:lake` — a year of nightly runs in a Parquet lake next to the same runs in a --db
 * store: RUNS runs (default 365) of the 22-scenario bench tree (bench/generate.ts). Prints figures;
 * asserts only that both stores give the same trend (a wrong answer is no benchmark).
 *
 *   1. `ftparse ingest TREE --lake` and `--db` once each, as child processes (what one CI job pays)
 *   2. the year: the tree ingested once in memory, then written RUNS times into the lake with a new
 *      fingerprint, a day later each time and slowly drifting metrics (lake/write.ts, as ingest
 *      writes); the --db store is filled from the lake's views (the same rows)
 *   3. `ftparse trend` over all runs and over the last 30 (--last 30: one run a day), and `runs`,
 *      on both stores: median wall time, CPU time and peak RSS of REPEAT child processes each
 *   4. `ftparse lake compact` (every month of the year is old), the same trend must still equal
 *      --db's, and the reads of 3 again on the compacted lake
 *
 *   RUNS=30 npm run bench:lake        # a quick look
 *   KEEP=1 npm run bench:lake         # keep the stores and print their paths
 *   REUSE=DIR npm run bench:lake      # read DIR/lake and DIR/history.duckdb kept by KEEP=1 (no fill)
 */
import { spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "../src/schema.js";
import { recordingEffects } from "../src/effects.js";
import { prepareTrees, storeTrees } from "../src/history/store.js";
import { LAKE_TABLES, lakeRunId } from "../src/lake/layout.js";
import { openLake } from "../src/lake/read.js";
import { writeRunFiles } from "../src/lake/write.js";
import { Warnings } from "../src/messages.js";
import { DEFAULT_PARAMS, ensureTree, repoRoot } from "./generate.js";
import { measure, type Measurement } from "./measure.js";

const RUNS = Number(process.env.RUNS ?? 365);
const REPEAT = Number(process.env.REPEAT ?? 5);
const bin = join(repoRoot, "dist", "src", "bin.js");

async function main(): Promise<void> {
  const reuse = process.env.REUSE;
  const dir = reuse ?? (await mkdtemp(join(tmpdir(), "ftparse-bench-lake-")));
  const lake = join(dir, "lake");
  const db = join(dir, "history.duckdb");
  if (reuse === undefined) {
    const tree = ensureTree({ ...DEFAULT_PARAMS, scenarios: 22 });
    console.log(`lake bench: ${RUNS} runs of ${tree.dir} (22 scenarios)`);

    // 1. one real ingest each
    const one = (store: string[]) => measure(process.execPath, [bin, "ingest", tree.dir, ...store]);
    row("ingest one run, --lake", [one(["--lake", join(dir, "one-lake")])]);
    row("ingest one run, --db", [one(["--db", join(dir, "one.duckdb")])]);

    // 2. the year
    let t = performance.now();
    await fillLake(tree.dir, lake);
    console.log(`  write ${RUNS} runs into the lake: ${secs(performance.now() - t)}`);
    t = performance.now();
    await fillDbFromLake(lake, db);
    console.log(`  the same rows into the --db store: ${secs(performance.now() - t)}`);
  } else {
    console.log(`lake bench: the stores kept in ${reuse}`);
  }
  assertSameTrend(lake, db);

  // 3. the reads
  const cases: [string, string[]][] = [
    [`trend, all ${RUNS} runs`, ["trend", "--metric", "recovery_s"]],
    ["trend, --last 30", ["trend", "--metric", "recovery_s", "--last", "30"]],
    ["runs", ["runs"]],
  ];
  const reads = (label: string): string[] => {
    const ratios: string[] = [];
    for (const [name, args] of cases) {
      const read = (store: string[]) =>
        Array.from({ length: REPEAT }, () =>
          measure(process.execPath, [bin, ...args, ...store, "--format", "json"]),
        );
      const onLake = row(`${name}, --lake${label}`, read(["--lake", lake]));
      const onDb = row(`${name}, --db`, read(["--db", db]));
      ratios.push(
        `${name}${label}: lake/db wall ${(onLake.wall / onDb.wall).toFixed(2)}×, cpu ${(onLake.cpu / onDb.cpu).toFixed(2)}×`,
      );
    }
    return ratios;
  };
  const ratios = reads("");

  // 4. compacted
  const compacted = measure(process.execPath, [bin, "lake", "compact", lake, "--format", "json"]);
  row("lake compact", [compacted]);
  assertSameTrend(lake, db);
  ratios.push(...reads(" (compacted)"));
  for (const r of ratios) console.log(`  ${r}`);
  if (process.env.KEEP || reuse !== undefined) console.log(`  kept ${lake} and ${db}`);
  else await rm(dir, { recursive: true, force: true });
}

/** One ingest in memory, then RUNS runs written from it (a day apart, metrics drifting 0.1 %/day). */
async function fillLake(tree: string, lake: string): Promise<void> {
  const { effects } = recordingEffects(new Warnings(), new Date("2025-01-01T08:00:00Z"));
  const db = await openDatabase({});
  try {
    await storeTrees(db, await prepareTrees([tree], "UTC", effects), { tz: "UTC" }, effects);
    for (let i = 1; i <= RUNS; i++) {
      const [r] = await db.sql(
        `UPDATE runs SET fingerprint = 'sha256:' || sha256('bench-' || $i::VARCHAR),
                         ingested_at = TIMESTAMPTZ '2025-01-01 08:00:00+00' + to_days($i::INTEGER - 1),
                         name = 'nightly-' || $i::VARCHAR,
                         labels = map(['commit'], [substr(md5($i::VARCHAR), 1, 7)])
         RETURNING fingerprint`,
        { i },
      );
      if (i > 1) {
        await db.sql("UPDATE scenarios SET start_ts = start_ts + INTERVAL 1 DAY");
        await db.sql("UPDATE scenario_metrics SET value = value * 1.001");
      }
      await writeRunFiles(db, lake, lakeRunId(String(r!.fingerprint)));
    }
  } finally {
    db.close();
  }
}

/** The --db store: the schema, then every table's rows as the lake's views give them. */
async function fillDbFromLake(lake: string, path: string): Promise<void> {
  (await openDatabase({ path })).close();
  const { effects } = recordingEffects(new Warnings());
  const db = await openLake(lake, effects);
  try {
    // (ATTACH takes no parameter; the path is our own temporary folder)
    await db.sql(`ATTACH '${path.replace(/'/g, "''")}' AS store`);
    // (bench code: table names from LAKE_TABLES)
    for (const table of LAKE_TABLES) {
      const lakeOnly =
        table === "runs" ? " EXCLUDE (lake_run_id, run_date, lake_format, schema_version)" : "";
      await db.sql(`INSERT INTO store.main.${table} BY NAME SELECT *${lakeOnly} FROM ${table}`);
    }
    await db.sql("DETACH store");
  } finally {
    db.close();
  }
}

/** Both stores must give the same trend (numbers to 9 significant places). */
function assertSameTrend(lake: string, db: string): void {
  const trend = (store: string[]) => {
    const r = spawnSync(
      process.execPath,
      [bin, "trend", "--metric", "recovery_s", ...store, "--format", "json"],
      {
        encoding: "utf8",
        maxBuffer: 256 * 1024 * 1024,
      },
    );
    if (r.status !== 0) throw new Error(r.stderr);
    return JSON.stringify(JSON.parse(r.stdout), (_k, v: unknown) =>
      typeof v === "number" ? Number(v.toPrecision(9)) : v,
    );
  };
  const a = trend(["--lake", lake]);
  if (a !== trend(["--db", db])) throw new Error("trend --lake and trend --db differ");
  console.log(`  trend --lake = trend --db (${(JSON.parse(a) as unknown[]).length} rows)`);
}

/** Print one line: median wall, median CPU, largest peak RSS; returns the medians. */
function row(name: string, ms: Measurement[]): { wall: number; cpu: number } {
  for (const m of ms) if (m.status !== 0) throw new Error(`${name} failed: ${m.stderr.slice(-2000)}`);
  const wall = median(ms.map((m) => m.wallS));
  const cpu = median(ms.map((m) => m.cpuS));
  const rss = Math.max(...ms.map((m) => m.maxRssKb)) / 1024;
  console.log(
    `  ${name.padEnd(42)} wall ${wall.toFixed(2)} s  cpu ${cpu.toFixed(2)} s  peak RSS ${rss.toFixed(0)} MB  (n=${ms.length})`,
  );
  return { wall, cpu };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function secs(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

await main();

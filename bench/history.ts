/**
 * `npm run bench:history` — a year of nightly history: RUNS runs (default 365) of ROWS request
 * attempts each (default 100,000; 8 scenarios per run), generated synthetically in DuckDB
 * (bench/history-synth.sql). Prints: generation and metric-store time, size on disk, and the time
 * of trend, compare and runs (each opening the file read-only, as the CLI does). Figures only;
 * nothing is asserted (the target is any trend under 1 s).
 *
 *   RUNS=30 ROWS=20000 npm run bench:history        # a quick look
 *   KEEP=1 npm run bench:history                     # keep the database and print its path
 *   DB=/tmp/…/history.duckdb npm run bench:history   # time the reads of a kept database again
 */
import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { compare } from "../src/commands/compare.js";
import { runs } from "../src/commands/runs.js";
import { trend } from "../src/commands/trend.js";
import { openDatabase } from "../src/schema.js";
import { recordingEffects } from "../src/effects.js";
import { Warnings } from "../src/messages.js";

const RUNS = Number(process.env.RUNS ?? 365);
const ROWS = Number(process.env.ROWS ?? 100_000);
const SCENARIOS_PER_RUN = 8;
const REPEAT = 5;
const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

async function main(): Promise<void> {
  if (process.env.DB) {
    await reads(process.env.DB);
    return;
  }
  const dir = await mkdtemp(join(tmpdir(), "ftparse-bench-history-"));
  const path = join(dir, "history.duckdb");
  console.log(
    `history bench: ${RUNS} runs × ${ROWS.toLocaleString("en")} attempts (${SCENARIOS_PER_RUN} scenarios/run)`,
  );
  await generate(path);
  await reads(path);
  if (process.env.KEEP) console.log(`  kept ${path}`);
  else await rm(dir, { recursive: true, force: true });
}

/** 1–2. The raw tables, then the stored metrics (what ingest computes for the runs it adds). */
async function generate(path: string): Promise<void> {
  const db = await openDatabase({ path });
  try {
    let t = performance.now();
    const synth = await readFile(join(repo, "bench", "history-synth.sql"), "utf8");
    const perScenario = Math.round(ROWS / SCENARIOS_PER_RUN);
    await db.transaction(() => db.execText(synth, { runs: RUNS, per_scenario: perScenario }));
    const total = Number((await db.sql("SELECT count(*) AS n FROM requests"))[0]!.n);
    console.log(`  generate ${total.toLocaleString("en")} request rows: ${secs(performance.now() - t)}`);
    t = performance.now();
    await db.transaction(() => db.exec("refresh_metrics", { run_ids: range(1, RUNS) }));
    console.log(
      `  store metrics of all ${RUNS} runs (once, e.g. after an upgrade): ${secs(performance.now() - t)}`,
    );
    t = performance.now();
    await db.transaction(() => db.exec("refresh_metrics", { run_ids: [RUNS] }));
    console.log(`  store metrics of one new run (each nightly ingest): ${secs(performance.now() - t)}`);
  } finally {
    db.close();
  }
}

/** 3. Size on disk, then the read commands, each opening the file read-only like the CLI. */
async function reads(path: string): Promise<void> {
  const db = await openDatabase({ path, readOnly: true });
  const [counts] = await db.sql(
    "SELECT (SELECT count(*) FROM runs) AS runs, (SELECT count(*) FROM requests) AS n",
  );
  db.close();
  const runCount = Number(counts!.runs);
  const attempts = Number(counts!.n);
  const size = (await stat(path)).size;
  console.log(
    `  size on disk: ${mb(size)} for ${runCount} runs, ${attempts.toLocaleString("en")} attempts ` +
      `(${mb(size / runCount)} per run, ${(size / attempts).toFixed(1)} bytes per attempt)`,
  );
  const base = { db: path, format: "json" as const, waitSeconds: 0 };
  const judged = { threshold: 0.1, onlyChanges: false, failOnRegression: false };
  const cases: [string, () => Promise<unknown>][] = [
    [
      "trend --metric recovery_s (all runs, 8 series)",
      () => trend({ ...base, metric: "recovery_s" }, quiet()),
    ],
    [
      "trend --metric success_after --failure frontend --last 30",
      () => trend({ ...base, metric: "success_after", failure: "frontend", last: 30 }, quiet()),
    ],
    [
      "trend --metric latency_after_s --group disagg-* --format table",
      () => trend({ ...base, format: "table", metric: "latency_after_s", group: "disagg-*" }, quiet()),
    ],
    ["compare latest~1 latest", () => compare({ ...base, ...judged, a: "latest~1", b: "latest" }, quiet())],
    [
      "compare 1 latest --format table",
      () => compare({ ...base, ...judged, format: "table", a: "1", b: "latest" }, quiet()),
    ],
    ["runs", () => runs({ ...base, labels: {} }, quiet())],
  ];
  for (const [name, fn] of cases) {
    const times: number[] = [];
    for (let i = 0; i < REPEAT; i++) {
      const s = performance.now();
      await fn();
      times.push(performance.now() - s);
    }
    times.sort((a, b) => a - b);
    console.log(
      `  ${name}: median ${secs(times[REPEAT >> 1]!)}, max ${secs(times[REPEAT - 1]!)} (${REPEAT}×, in-process)`,
    );
  }
  const bin = join(repo, "dist", "src", "bin.js");
  const t = performance.now();
  execFileSync(process.execPath, [bin, "trend", "--metric", "recovery_s", "--db", path, "--format", "json"], {
    stdio: "ignore",
  });
  console.log(
    `  CLI: ftparse trend --metric recovery_s (one process, start-up included): ${secs(performance.now() - t)}`,
  );
}

function quiet() {
  return recordingEffects(new Warnings()).effects;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function secs(ms: number): string {
  return ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

await main();

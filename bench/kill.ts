/**
 * `npm run test:kill` — real kill -9s, to show that a store never holds half a run and an --out folder
 * never holds half a report (docs/crash-safety.md). Exits 1 if either is found.
 *
 *   ingest: a store holding a small run; `ftparse ingest BIG --db` is killed, mostly while DuckDB
 *           writes its commit (the moment its WAL file exceeds a random size), else at a random time.
 *           The file is then read raw (what DuckDB replays), opened writable by ftparse once (which
 *           deletes rows of uncommitted runs), and read again: it must hold the small run alone, or
 *           both runs complete.
 *   report: an --out folder holding the small tree's report; `ftparse MID --out` is killed at a
 *           random time. The folder must hold the old report or the new one, every file of one of
 *           them; the next run must leave no temporary folder behind.
 *
 *   INGEST_TRIALS=4 REPORT_TRIALS=8 SCENARIOS=220 npm run test:kill     (the defaults)
 *
 * The big tree must be large enough for DuckDB to write a WAL at commit (220 scenarios do; 110 were
 * committed without one).
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Db } from "../src/db.js";
import { DEFAULT_PARAMS, ensureTree, repoRoot } from "./generate.js";

const INGEST_TRIALS = Number(process.env.INGEST_TRIALS ?? 4);
const REPORT_TRIALS = Number(process.env.REPORT_TRIALS ?? 8);
const SCENARIOS = Number(process.env.SCENARIOS ?? 220);
const bin = join(repoRoot, "dist", "src", "bin.js");

/** Deterministic trial timings (same run, same kills), from a seed. */
let seed = Number(process.env.SEED ?? 7);
function random(): number {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
}

function ftparse(args: readonly string[]): { code: number; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" });
  return { code: r.status ?? -1, stderr: r.stderr };
}

/**
 * Start ftparse and SIGKILL it once `when` says so (polled as fast as the event loop turns) or it
 * ends. Returns whether it was killed, and the elapsed seconds.
 */
async function killWhen(args: readonly string[], when: (elapsedMs: number) => boolean) {
  const child = spawn(process.execPath, [bin, ...args], { stdio: "ignore" });
  const start = Date.now();
  let exited = false;
  const done = new Promise<void>((resolve) => child.once("exit", () => ((exited = true), resolve())));
  let killed = false;
  while (!exited) {
    if (when(Date.now() - start)) {
      killed = child.kill("SIGKILL");
      break;
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  await done;
  return { killed, seconds: (Date.now() - start) / 1000 };
}

interface StoreState {
  runs: number;
  scenarios: number;
  requests: number;
  strayScenarios: number;
  strayRequests: number;
}

async function storeState(path: string): Promise<StoreState> {
  // Db.open: the raw file, without ftparse's upgrade (which would delete what we look for).
  const db = await Db.open({ path, readOnly: true });
  try {
    const [row] = await db.sql(
      `SELECT (SELECT count(*) FROM runs) AS runs, (SELECT count(*) FROM scenarios) AS scenarios,
              (SELECT count(*) FROM requests) AS requests,
              (SELECT count(*) FROM scenarios WHERE run_id NOT IN (SELECT run_id FROM runs)) AS stray_s,
              (SELECT count(*) FROM requests
               WHERE scenario_id NOT IN (SELECT scenario_id FROM scenarios)) AS stray_r`,
    );
    return {
      runs: Number(row!.runs),
      scenarios: Number(row!.scenarios),
      requests: Number(row!.requests),
      strayScenarios: Number(row!.stray_s),
      strayRequests: Number(row!.stray_r),
    };
  } finally {
    db.close();
  }
}

const same = (a: StoreState, b: StoreState) => JSON.stringify(a) === JSON.stringify(b);

async function ingestTrials(work: string, small: string, big: string): Promise<number> {
  const base = join(work, "base.duckdb");
  if (ftparse(["ingest", small, "--db", base]).code !== 0) throw new Error("ingest of the small tree failed");
  const full = join(work, "full.duckdb");
  copyFileSync(base, full);
  const t0 = Date.now();
  if (ftparse(["ingest", big, "--db", full]).code !== 0) throw new Error("ingest of the big tree failed");
  const fullSeconds = (Date.now() - t0) / 1000;
  const before = await storeState(base);
  const after = await storeState(full);
  let halfRuns = 0;
  let rawStray = 0;
  let killedInCommit = 0;
  for (let t = 0; t < INGEST_TRIALS; t++) {
    const db = join(work, `trial-${t}.duckdb`);
    copyFileSync(base, db);
    const inCommit = t % 3 !== 2;
    const walAbove = random() * 16e6;
    const atMs = random() * fullSeconds * 1000;
    const wal = `${db}.wal`;
    const { killed, seconds } = await killWhen(["ingest", big, "--db", db], (ms) =>
      inCommit ? existsSync(wal) && statSync(wal, { throwIfNoEntry: false })!.size > walAbove : ms >= atMs,
    );
    if (killed && inCommit) killedInCommit++;
    const raw = await storeState(db);
    if (raw.strayRequests > 0 || raw.strayScenarios > 0) rawStray++;
    // The next writable open (here: ingest without PATHs) deletes rows of runs that never committed.
    const opened = ftparse(["ingest", "--db", db]);
    const state = await storeState(db);
    const ok = opened.code === 0 && (same(state, before) || same(state, after));
    if (!ok) halfRuns++;
    console.log(
      `ingest trial ${t + 1}: ${killed ? `killed after ${seconds.toFixed(1)} s` : "finished"}` +
        `${inCommit ? ` (WAL > ${(walAbove / 1e6).toFixed(1)} MB)` : ""}; raw: ${raw.runs} runs, ` +
        `${raw.strayRequests} stray requests; after open: ${state.runs} runs ${ok ? "ok" : "HALF RUN"}`,
    );
    rmSync(db, { force: true });
    rmSync(wal, { force: true });
  }
  console.log(
    `ingest: ${INGEST_TRIALS} trials (${killedInCommit} killed during the commit), ${rawStray} left stray ` +
      `rows in the raw file, half-runs after ftparse opened it: ${halfRuns}`,
  );
  return halfRuns;
}

/** Every file under `dir` (relative path → bytes). */
function snapshot(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (rel: string) => {
    for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else out.set(r, readFileSync(join(dir, r)));
    }
  };
  walk("");
  return out;
}

async function reportTrials(work: string, small: string, big: string): Promise<number> {
  const out = join(work, "report");
  if (ftparse([small, "--out", out, "--format", "csv"]).code !== 0) throw new Error("report failed");
  let old = snapshot(out);
  const reference = join(work, "reference");
  const t0 = Date.now();
  if (ftparse([big, "--out", reference, "--format", "csv"]).code !== 0) throw new Error("report failed");
  const fullSeconds = (Date.now() - t0) / 1000;
  const fresh = snapshot(reference);
  // Files the two reports share byte for byte say nothing about which report a folder holds.
  const telling = (name: string) => !old.get(name)?.equals(fresh.get(name) ?? Buffer.alloc(0));
  let mixed = 0;
  let stale = 0;
  let absent = 0;
  for (let t = 0; t < REPORT_TRIALS; t++) {
    const atMs = random() * fullSeconds * 1000;
    const { killed } = await killWhen([big, "--out", out, "--format", "csv"], (ms) => ms >= atMs);
    // Killed between the two renames of the swap: no folder until the next run puts the old one back.
    if (!existsSync(out)) {
      absent++;
      console.log(`report trial ${t + 1}: killed between the renames: no folder`);
      if (ftparse([small, "--out", out, "--format", "csv"]).code !== 0) throw new Error("report failed");
      old = snapshot(out);
      continue;
    }
    const now = snapshot(out);
    const names = [...now.keys()].sort().join();
    const isOld =
      names === [...old.keys()].sort().join() && [...old].every(([n, b]) => now.get(n)!.equals(b));
    // The new report: the reference's files, each differing from the old one where the references do.
    const isNew =
      names === [...fresh.keys()].sort().join() &&
      [...now.keys()].filter(telling).every((n) => !now.get(n)!.equals(old.get(n) ?? Buffer.alloc(0)));
    if (!isOld && !isNew) mixed++;
    console.log(
      `report trial ${t + 1}: ${killed ? "killed" : "finished"}: ${isOld ? "old" : isNew ? "new" : "MIXED"}`,
    );
    // Back to the old report for the next trial, by a run that must also clear the dead one's leftovers.
    if (ftparse([small, "--out", out, "--format", "csv"]).code !== 0) throw new Error("report failed");
    old = snapshot(out); // report.html says when it was made
    const leftovers = readdirSync(work).filter((n) => n.startsWith(".report."));
    if (leftovers.length > 0) {
      stale++;
      console.log(`  left behind: ${leftovers.join(", ")}`);
    }
  }
  console.log(
    `report: ${REPORT_TRIALS} trials, mixed reports found: ${mixed}, no folder (between the renames): ${absent}, temporaries left after the next run: ${stale}`,
  );
  return mixed + stale;
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), "ftparse-kill-"));
  try {
    const small = ensureTree({ ...DEFAULT_PARAMS, scenarios: 22 }, join(work, "trees")).dir;
    let bad = 0;
    if (INGEST_TRIALS > 0) {
      const big = ensureTree({ ...DEFAULT_PARAMS, scenarios: SCENARIOS }, join(work, "trees")).dir;
      bad += await ingestTrials(work, small, big);
    }
    if (REPORT_TRIALS > 0) {
      const mid = ensureTree({ ...DEFAULT_PARAMS, scenarios: 44 }, join(work, "trees")).dir;
      bad += await reportTrials(work, small, mid);
    }
    process.exitCode = bad === 0 ? 0 : 1;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();

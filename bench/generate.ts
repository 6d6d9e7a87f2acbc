/**
 * Generator of legacy result trees for the benchmark: any number of scenarios, written quickly and
 * deterministically (same parameters → same bytes) in the layout of fixtures/samples/legacy.
 *
 *   node dist/bench/generate.js --scenarios 220 [--clients 10] [--requests 100] [--pod-log-lines 100]
 *                               [--seed 1] [--broken PERCENT] [--out DIR]
 *
 * Trees go under bench/.data/ (git-ignored), one folder per parameter set, and are reused when a
 * complete tree with the same parameters is already there (`.params.json` is written last, so an
 * interrupted generation is detected and redone). Scenarios are grouped in run folders of one full
 * test matrix each (run_000/test_fault_scenario[…]/…), as nightly suites lay them out.
 *
 * --broken P makes a mixed tree: P% of the scenarios (chosen by the seed) get one to three breakages
 * of the kinds users' trees have (bench/gen/damage.ts); the other scenarios are byte-identical to the
 * clean tree's. The damages applied are listed in the tree's `.params.json`.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { clientLog } from "./gen/clientLog.js";
import { damageScenario, type GenFile } from "./gen/damage.js";
import { podFiles } from "./gen/podFiles.js";
import { MATRIX, planScenario } from "./gen/scenario.js";
import { testLog } from "./gen/testLog.js";

export interface TreeParams {
  scenarios: number;
  clients: number;
  /** Requests (client log lines) per client. */
  requests: number;
  /** Lines per non-empty pod log (start-up chatter and periodic lines pad the meaningful ones). */
  podLogLines: number;
  seed: number;
  /** Percent of scenarios damaged (a mixed tree); absent or 0 for a clean tree. */
  broken?: number;
}

export const DEFAULT_PARAMS: Omit<TreeParams, "scenarios"> = {
  clients: 10,
  requests: 100,
  podLogLines: 100,
  seed: 1,
};

/** Bump when the generator's output changes, so that trees written by an older version are redone. */
export const GENERATOR_VERSION = 2;

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const dataDir = join(repoRoot, "bench", ".data");

export function treeName(p: TreeParams): string {
  const mixed = p.broken ? `-broken${p.broken}` : "";
  return `legacy-s${p.scenarios}-c${p.clients}-r${p.requests}-p${p.podLogLines}-seed${p.seed}${mixed}`;
}

export interface TreeInfo {
  dir: string;
  reused: boolean;
  bytes: number;
  clientBytes: number;
  podLogBytes: number;
  clientLines: number;
  /** Mixed trees: the damaged scenarios (directory relative to the tree) and what was done to them. */
  damaged?: { scenario: string; damages: string[] }[];
}

/** Generate the tree for `params` under `root` (default bench/.data), or reuse a complete one. */
export function ensureTree(params: TreeParams, root = dataDir): TreeInfo {
  const dir = join(root, treeName(params));
  const marker = join(dir, ".params.json");
  if (existsSync(marker)) {
    const saved = JSON.parse(readFileSync(marker, "utf8")) as {
      version: number;
      params: TreeParams;
    } & Omit<TreeInfo, "dir">;
    if (saved.version === GENERATOR_VERSION && JSON.stringify(saved.params) === JSON.stringify(params)) {
      return { ...saved, dir, reused: true };
    }
  }
  rmSync(dir, { recursive: true, force: true });
  const info = writeTree(dir, params);
  writeFileSync(marker, JSON.stringify({ version: GENERATOR_VERSION, params, ...info }, null, 2) + "\n");
  return { ...info, dir, reused: false };
}

function writeTree(dir: string, params: TreeParams): Omit<TreeInfo, "dir" | "reused"> {
  const totals = { bytes: 0, clientBytes: 0, podLogBytes: 0, clientLines: 0 };
  const damaged: { scenario: string; damages: string[] }[] = [];
  for (let i = 0; i < params.scenarios; i++) {
    const plan = planScenario(i, params.seed, params.clients, params.requests);
    const run = `run_${String(Math.floor(i / MATRIX.length)).padStart(3, "0")}`;
    const sdir = join(dir, run, plan.dirName);
    const files: GenFile[] = [];
    for (let c = 0; c < params.clients; c++) {
      files.push({ path: `client_${c}.log.txt`, data: clientLog(plan, c, params.requests, params.seed) });
    }
    files.push({ path: "test.log.txt", data: testLog(plan) });
    for (const f of podFiles(plan, params.podLogLines, params.seed))
      files.push({ path: f.path, data: f.text });
    if (params.broken) {
      const damages = damageScenario(files, i, params.seed, params.broken);
      if (damages.length > 0) damaged.push({ scenario: `${run}/${plan.dirName}`, damages });
    }
    mkdirSync(sdir, { recursive: true });
    for (const f of files) {
      const path = join(sdir, f.path);
      if (f.path.includes("/")) mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, f.data);
      const n = Buffer.byteLength(f.data);
      totals.bytes += n;
      if (/^client_\d+\.log\.txt$/.test(f.path)) {
        totals.clientBytes += n;
        // complete lines (a last line cut without its newline is not counted)
        totals.clientLines += countNewlines(f.data);
      } else if (f.path.endsWith(".log") && !f.path.includes("metrics")) {
        totals.podLogBytes += n;
      }
    }
  }
  return params.broken ? { ...totals, damaged } : totals;
}

function countNewlines(data: string | Buffer): number {
  let n = 0;
  if (typeof data === "string") {
    for (let i = data.indexOf("\n"); i !== -1; i = data.indexOf("\n", i + 1)) n++;
  } else {
    for (let i = data.indexOf(10); i !== -1; i = data.indexOf(10, i + 1)) n++;
  }
  return n;
}

/** "55 scenarios damaged: 30 truncated-last-line, …" */
export function describeDamage(damaged: readonly { damages: string[] }[]): string {
  const counts = new Map<string, number>();
  for (const d of damaged) for (const name of d.damages) counts.set(name, (counts.get(name) ?? 0) + 1);
  const parts = [...counts].sort((a, b) => b[1] - a[1]).map(([name, n]) => `${n} ${name}`);
  return `${damaged.length} scenarios damaged: ${parts.join(", ")}`;
}

function parseArgs(argv: readonly string[]): { params: TreeParams; out?: string } {
  const params: TreeParams = { scenarios: 22, ...DEFAULT_PARAMS };
  let out: string | undefined;
  const flags: Record<string, keyof TreeParams> = {
    "--scenarios": "scenarios",
    "--clients": "clients",
    "--requests": "requests",
    "--pod-log-lines": "podLogLines",
    "--seed": "seed",
    "--broken": "broken",
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--out") {
      out = argv[++i];
      continue;
    }
    const key = flags[a];
    const value = Number(argv[++i]);
    if (!key || !Number.isInteger(value) || value < 0) {
      throw new Error(`usage: generate.js [--scenarios N] [--clients N] [--requests N] [--pod-log-lines N] [--seed N] [--broken PERCENT] [--out DIR] (bad ${a})`); // prettier-ignore
    }
    params[key] = value;
  }
  return { params, out };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { params, out } = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const info = ensureTree(params, out);
  const mb = (n: number) => (n / 1e6).toFixed(1);
  process.stdout.write(
    `${info.dir}\n${info.reused ? "reused" : `generated in ${((performance.now() - started) / 1000).toFixed(1)} s`}: ` +
      `${params.scenarios} scenarios, ${info.clientLines} client lines, ${mb(info.bytes)} MB ` +
      `(client logs ${mb(info.clientBytes)} MB, pod logs ${mb(info.podLogBytes)} MB)\n`,
  );
  if (info.damaged) process.stdout.write(`${describeDamage(info.damaged)}\n`);
}

/**
 * Generator of legacy result trees for the benchmark: any number of scenarios, written quickly and
 * deterministically (same parameters → same bytes) in the layout of fixtures/samples/legacy.
 *
 *   node dist/bench/generate.js --scenarios 220 [--clients 10] [--requests 100] [--pod-log-lines 100]
 *                               [--seed 1] [--out DIR]
 *
 * Trees go under bench/.data/ (git-ignored), one folder per parameter set, and are reused when a
 * complete tree with the same parameters is already there (`.params.json` is written last, so an
 * interrupted generation is detected and redone). Scenarios are grouped in run folders of one full
 * test matrix each (run_000/test_fault_scenario[…]/…), as nightly suites lay them out.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { clientLog } from "./gen/clientLog.js";
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
}

export const DEFAULT_PARAMS: Omit<TreeParams, "scenarios"> = {
  clients: 10,
  requests: 100,
  podLogLines: 100,
  seed: 1,
};

/** Bump when the generator's output changes, so that trees written by an older version are redone. */
export const GENERATOR_VERSION = 1;

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const dataDir = join(repoRoot, "bench", ".data");

export function treeName(p: TreeParams): string {
  return `legacy-s${p.scenarios}-c${p.clients}-r${p.requests}-p${p.podLogLines}-seed${p.seed}`;
}

export interface TreeInfo {
  dir: string;
  reused: boolean;
  bytes: number;
  clientBytes: number;
  podLogBytes: number;
  clientLines: number;
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
  const write = (path: string, text: string) => {
    writeFileSync(path, text);
    return Buffer.byteLength(text);
  };
  for (let i = 0; i < params.scenarios; i++) {
    const plan = planScenario(i, params.seed, params.clients, params.requests);
    const run = `run_${String(Math.floor(i / MATRIX.length)).padStart(3, "0")}`;
    const sdir = join(dir, run, plan.dirName);
    mkdirSync(sdir, { recursive: true });
    for (let c = 0; c < params.clients; c++) {
      const text = clientLog(plan, c, params.requests, params.seed);
      const n = write(join(sdir, `client_${c}.log.txt`), text);
      totals.bytes += n;
      totals.clientBytes += n;
      totals.clientLines += text.endsWith("\n") ? params.requests : params.requests - 1;
    }
    totals.bytes += write(join(sdir, "test.log.txt"), testLog(plan));
    for (const f of podFiles(plan, params.podLogLines, params.seed)) {
      const path = join(sdir, f.path);
      mkdirSync(dirname(path), { recursive: true });
      const n = write(path, f.text);
      totals.bytes += n;
      if (f.path.endsWith(".log") && !f.path.includes("metrics")) totals.podLogBytes += n;
    }
  }
  return totals;
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
      throw new Error(`usage: generate.js [--scenarios N] [--clients N] [--requests N] [--pod-log-lines N] [--seed N] [--out DIR] (bad ${a})`); // prettier-ignore
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
}

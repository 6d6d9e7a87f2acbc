/**
 * `npm run bench`: ftparse on a clean and a mixed generated legacy tree, side by side, next to the
 * floors (bench/floor.ts: a bare DuckDB scan of the same files, and the typed floor) and, when it is
 * available, the reference parser (bench/reference.ts). Prints figures, never asserts on them.
 *
 *   node dist/bench/bench.js [--scenarios 220] [--broken 25] [--runs 5] [--ingest] [--large]
 *
 * Every contender runs `--runs` times as a child process; the rounds alternate the contenders (each
 * round runs every contender on both trees, starting with a different one each round), so that the
 * machine's load falls on all of them alike. Shown: the median wall time, the median CPU time (user +
 * sys of the child and its threads, steadier than wall time on a shared machine) and the largest peak
 * RSS; then ratios (ftparse to the floors, the reference to ftparse), whether ftparse's JSON was
 * byte-identical in every run, the reference's agreement with ftparse on the clean tree, the start-up
 * on one scenario, and the issue's targets marked met or NOT met for this run (a report, never an
 * assertion). With --ingest also `ftparse ingest TREE --db FILE` (a row of its own; off by default to
 * keep the bench within ~10 minutes on a busy machine). With --large (or FTPARSE_BENCH_LARGE=1) also the 2,200-scenario tree (~1.8 GB, a few
 * minutes). Trees are generated once under bench/.data/ and reused (bench/generate.ts). What each line
 * means: docs/performance.md.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, statfsSync } from "node:fs";
import { createHash } from "node:crypto";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_PARAMS, describeDamage, ensureTree, repoRoot, type TreeInfo } from "./generate.js";
import { measure, type Measurement } from "./measure.js";
import {
  agreementLines,
  findReference,
  referenceArgs,
  referenceOutcome,
  type Reference,
} from "./reference.js";

interface Options {
  scenarios: number;
  broken: number;
  runs: number;
  large: boolean;
  ingest: boolean;
}

const USAGE = "usage: bench.js [--scenarios 220] [--broken 25] [--runs 5] [--ingest] [--large]";

function parseArgs(argv: readonly string[]): Options {
  const o: Options = {
    scenarios: 220,
    broken: 25,
    runs: 5,
    large: process.env.FTPARSE_BENCH_LARGE === "1",
    ingest: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const number = () => {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 1) throw new Error(`${USAGE} (bad value for ${a})`);
      return n;
    };
    if (a === "--scenarios") o.scenarios = number();
    else if (a === "--broken") o.broken = Math.min(100, number());
    else if (a === "--runs") o.runs = number();
    else if (a === "--large") o.large = true;
    else if (a === "--ingest") o.ingest = true;
    else throw new Error(`${USAGE} (bad ${a})`);
  }
  return o;
}

const bin = join(repoRoot, "dist", "src", "bin.js");
const floorScript = join(repoRoot, "dist", "bench", "floor.js");
const work = mkdtempSync(join(tmpdir(), "ftparse-bench-"));

/**
 * Whether `ftparse ingest` exists in this build. Without it, `ingest --help` still exits 0 (the main
 * command's help, "ingest" read as a PATH), so look at whose usage it prints.
 */
function ingestAvailable(): boolean {
  const r = spawnSync(process.execPath, [bin, "ingest", "--help"], { encoding: "utf8" });
  return r.status === 0 && /Usage: ftparse ingest\b/.test(r.stdout);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** One program measured on one tree. */
interface Contender {
  key: string;
  label: string;
  command: string;
  args: (tree: string) => string[];
  /** Keep each run's stdout to compare them (ftparse's JSON). */
  keepStdout?: boolean;
  /** Before each run (e.g. a fresh database). */
  before?: () => void;
}

interface Stats {
  wall: number;
  cpu: number;
  rssMb: number;
  /** Distinct stdout contents over the runs (for contenders that keep it). */
  outputs?: number;
  stderr: string;
}

function stats(ms: Measurement[], outputs?: Set<string>): Stats {
  return {
    wall: median(ms.map((m) => m.wallS)),
    cpu: median(ms.map((m) => m.cpuS)),
    rssMb: Math.max(...ms.map((m) => m.maxRssKb)) / 1024,
    outputs: outputs?.size,
    stderr: ms[ms.length - 1]!.stderr,
  };
}

function contenders(reference: Reference | undefined, withIngest: boolean): Contender[] {
  const list: Contender[] = [
    {
      key: "floor",
      label: "floor: bare DuckDB scan",
      command: process.execPath,
      args: (t) => [floorScript, t],
    },
    {
      key: "typed",
      label: "typed floor: fields metrics read",
      command: process.execPath,
      args: (t) => [floorScript, t, "--typed"],
    },
    {
      key: "ftparse",
      label: "ftparse TREE --format json",
      command: process.execPath,
      args: (t) => [bin, t, "--format", "json"],
      keepStdout: true,
    },
  ];
  if (withIngest) {
    const db = join(work, "bench.duckdb");
    list.push({
      key: "ingest",
      label: "ftparse ingest TREE --db FILE",
      command: process.execPath,
      args: (t) => [bin, "ingest", t, "--db", db],
      // A fresh database each time: re-ingesting the same tree would be skipped by its fingerprint.
      before: () => {
        for (const f of readdirSync(work))
          if (f.startsWith("bench.duckdb")) rmSync(join(work, f), { force: true });
      },
    });
  }
  if (reference) {
    list.push({
      key: "reference",
      label: "reference parser (pandas)",
      command: reference.python,
      args: (t) => referenceArgs(reference, t),
    });
  }
  return list;
}

/**
 * Runs every contender on every tree `runs` times, round by round; each round starts with the next
 * contender. Returns stats by tree, then by contender key.
 */
function runRounds(trees: string[], list: Contender[], runs: number): Map<string, Map<string, Stats>> {
  const ms = new Map<string, Measurement[]>();
  const outs = new Map<string, Set<string>>();
  const id = (tree: string, c: Contender) => `${tree}\u0000${c.key}`;
  for (let round = 0; round < runs; round++) {
    process.stderr.write(`round ${round + 1}/${runs}\n`);
    for (let k = 0; k < list.length; k++) {
      const c = list[(round + k) % list.length]!;
      for (const tree of round % 2 === 0 ? trees : [...trees].reverse()) {
        c.before?.();
        const out = c.keepStdout ? join(work, "stdout") : undefined;
        const m = measure(c.command, c.args(tree), out);
        if (m.status !== 0)
          throw new Error(`${c.label} on ${tree} exited with ${m.status}: ${m.stderr.slice(-800)}`);
        push(ms, id(tree, c), m);
        if (out) {
          const digest = createHash("sha256").update(readFileSync(out)).digest("hex");
          if (!outs.has(id(tree, c))) outs.set(id(tree, c), new Set());
          outs.get(id(tree, c))!.add(digest);
        }
      }
    }
  }
  const result = new Map<string, Map<string, Stats>>();
  for (const tree of trees) {
    const byKey = new Map<string, Stats>();
    for (const c of list) byKey.set(c.key, stats(ms.get(id(tree, c))!, outs.get(id(tree, c))));
    result.set(tree, byKey);
  }
  return result;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const out = (line = "") => process.stdout.write(`${line}\n`);
const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : "?");
const ratio = (a: number, b: number | undefined) =>
  b && Number.isFinite(a) ? `${(a / b).toFixed(2)}×` : "—";

/** One row per contender; for each tree: wall, CPU and peak. */
function printSideBySide(titles: string[], byTree: Map<string, Stats>[], list: Contender[]): void {
  const cell = 24;
  out(`  ${"".padEnd(34)}${titles.map((t) => t.padStart(cell)).join("")}`);
  out(`  ${"".padEnd(34)}${titles.map(() => "wall s  cpu s  peak MB".padStart(cell)).join("")}`);
  for (const c of list) {
    const cells = byTree.map((s) => {
      const r = s.get(c.key)!;
      return `${f2(r.wall).padStart(6)} ${f2(r.cpu).padStart(6)} ${r.rssMb.toFixed(0).padStart(8)}`.padStart(
        cell,
      );
    });
    out(`  ${c.label.padEnd(34)}${cells.join("")}`);
  }
}

function printRatios(titles: string[], byTree: Map<string, Stats>[]): void {
  const cell = 24;
  out(`  ${"".padEnd(34)}${titles.map((t) => t.padStart(cell)).join("")}`);
  out(`  ${"".padEnd(34)}${titles.map(() => "wall    cpu    peak".padStart(cell)).join("")}`);
  const row = (label: string, a: string, b: string) => {
    const cells = byTree.map((s) => {
      const x = s.get(a);
      const y = s.get(b);
      if (!x || !y) return "—".padStart(cell);
      return `${ratio(x.wall, y.wall).padStart(6)} ${ratio(x.cpu, y.cpu).padStart(6)} ${ratio(x.rssMb, y.rssMb).padStart(6)}`.padStart(
        cell,
      );
    });
    out(`  ${label.padEnd(34)}${cells.join("")}`);
  };
  row("ftparse / floor", "ftparse", "floor");
  row("ftparse / typed floor", "ftparse", "typed");
  if (byTree[0]?.has("reference")) row("reference / ftparse (× faster)", "reference", "ftparse");
}

function treeLine(label: string, tree: TreeInfo): string {
  const mb = (tree.bytes / 1e6).toFixed(0);
  return `${label}: ${tree.dir.slice(repoRoot.length + 1)} (${tree.clientLines} client lines, ${mb} MB${
    tree.reused ? ", reused" : ""
  })`;
}

function main(): void {
  const o = parseArgs(process.argv.slice(2));
  const load = readFileSync("/proc/loadavg", "utf8").trim().split(" ").slice(0, 3).join(" ");
  out(
    `ftparse bench: ${cpus().length} cores, node ${process.version}, median of ${o.runs} alternating runs` +
      ` (largest peak RSS); load average at start ${load} (other processes skew wall times; CPU is steadier)`,
  );
  const found = findReference();
  const reference = "missing" in found ? undefined : found;
  const missing = "missing" in found ? found.missing : "";
  const withIngest = o.ingest && ingestAvailable();
  const params = { scenarios: o.scenarios, ...DEFAULT_PARAMS };
  const clean = ensureTree(params);
  const mixed = ensureTree({ ...params, broken: o.broken });
  out(treeLine("clean tree", clean));
  out(treeLine(`mixed tree (${o.broken}% of scenarios damaged)`, mixed));
  out(`  ${describeDamage(mixed.damaged ?? [])}`);
  const list = contenders(reference, withIngest);
  const trees = [realpathSync(clean.dir), realpathSync(mixed.dir)];
  const results = runRounds(trees, list, o.runs);
  const byTree = trees.map((t) => results.get(t)!);
  const titles = [`clean ${o.scenarios}`, `mixed ${o.scenarios}`];

  out(`\n${o.scenarios} scenarios, clean and mixed`);
  printSideBySide(titles, byTree, list);
  if (o.ingest && !withIngest) out("  ftparse ingest TREE --db FILE: n/a (command not available)");
  out("\nratios");
  printRatios(titles, byTree);
  out("\nchecks");
  titles.forEach((t, i) => {
    const n = byTree[i]!.get("ftparse")!.outputs;
    if (n !== undefined) {
      out(
        `  ${t}: ftparse's JSON ${n === 1 ? "byte-identical in every run" : `NOT deterministic: ${n} different outputs in ${o.runs} runs`}`,
      );
    }
  });
  if (reference) {
    titles.forEach((t, i) =>
      out(`  ${t}: reference ${referenceOutcome(byTree[i]!.get("reference")!.stderr)}`),
    );
    out(`  reference vs ftparse on the clean tree (a sanity check, not a test):`);
    for (const line of referenceAgreement(reference, trees[0]!)) out(`    ${line}`);
  } else {
    out(`  ${missing}`);
  }

  const startup = startupStats(trees[0]!, o.runs);
  out(
    `\nstart-up: ftparse ONE_SCENARIO --format json: ${f2(startup.wall)} s wall, ${f2(startup.cpu)} s cpu, ${startup.rssMb.toFixed(0)} MB`,
  );

  const large = o.large ? largeTree(o, byTree[0]!.get("ftparse")!) : undefined;
  if (!large) {
    out(
      `\n${(o.scenarios * 10).toLocaleString("en")} scenarios: skipped (~${((o.scenarios * 10 * 850_000) / 1e9).toFixed(1)} GB, ` +
        `a few minutes); run it with FTPARSE_BENCH_LARGE=1 npm run bench`,
    );
  }
  printTargets(byTree, titles, startup, large);
  rmSync(work, { recursive: true, force: true });
}

/** ftparse's JSON and the reference's numbers on the same tree, compared. */
function referenceAgreement(reference: Reference, tree: string): string[] {
  const ours = join(work, "ftparse.json");
  const theirs = join(work, "reference.json");
  const a = measure(process.execPath, [bin, tree, "--format", "json"], ours);
  const b = spawnSync(reference.python, referenceArgs(reference, tree, theirs), {
    stdio: ["ignore", "ignore", "pipe"],
    encoding: "utf8",
  });
  if (a.status !== 0 || b.status !== 0) return [`could not compare (exit ${a.status} / ${b.status})`];
  return agreementLines(ours, theirs);
}

/** One scenario of the clean tree: the smallest useful input. */
function startupStats(tree: string, runs: number): Stats {
  const runDir = join(tree, "run_000");
  const one = join(runDir, readdirSync(runDir).sort()[0]!);
  const ms: Measurement[] = [];
  for (let i = 0; i < runs; i++) ms.push(measure(process.execPath, [bin, one, "--format", "json"]));
  return stats(ms);
}

interface Large {
  stats: Stats;
  scenarios: number;
  /** Its wall and CPU time over the main tree's. */
  wallRatio: number;
  cpuRatio: number;
}

function largeTree(o: Options, main: Stats): Large | undefined {
  const scenarios = o.scenarios * 10;
  const s = statfsSync(repoRoot);
  const params = { scenarios, ...DEFAULT_PARAMS };
  out(`\n${scenarios.toLocaleString("en")} scenarios (clean), ftparse only, median of ${o.runs}`);
  if (s.bavail * s.bsize < scenarios * 850_000 * 1.5) {
    out(`  skipped: not enough free disk for ~${((scenarios * 850_000) / 1e9).toFixed(1)} GB`);
    return undefined;
  }
  const tree = ensureTree(params);
  out(`  ${treeLine("tree", tree)}`);
  const ms: Measurement[] = [];
  for (let i = 0; i < o.runs; i++) ms.push(measure(process.execPath, [bin, tree.dir, "--format", "json"]));
  const st = stats(ms);
  out(`  ftparse TREE --format json: ${f2(st.wall)} s wall, ${f2(st.cpu)} s cpu, ${st.rssMb.toFixed(0)} MB`);
  return { stats: st, scenarios, wallRatio: st.wall / main.wall, cpuRatio: st.cpu / main.cpu };
}

/** The issue's goals, checked against this run's medians. */
function printTargets(byTree: Map<string, Stats>[], titles: string[], startup: Stats, large?: Large): void {
  const lines: [string, boolean][] = [];
  byTree.forEach((s, i) => {
    const ft = s.get("ftparse")!;
    const floor = s.get("floor")!;
    lines.push([
      `${titles[i]}: ≤ 1.5× the bare scan: ${ratio(ft.wall, floor.wall)} wall (${ratio(ft.cpu, floor.cpu)} cpu)`,
      ft.wall <= 1.5 * floor.wall,
    ]);
    lines.push([`${titles[i]}: peak ≤ 600 MB: ${ft.rssMb.toFixed(0)} MB`, ft.rssMb <= 600]);
    const ref = s.get("reference");
    if (ref) {
      const want = i === 0 ? 2.5 : 3;
      lines.push([
        `${titles[i]}: ≥ ${want}× faster than the reference: ${ratio(ref.wall, ft.wall)} wall (${ratio(ref.cpu, ft.cpu)} cpu)`,
        ref.wall >= want * ft.wall,
      ]);
    }
    if (ft.outputs !== undefined)
      lines.push([`${titles[i]}: output identical run after run`, ft.outputs === 1]);
  });
  lines.push([`one scenario ≤ 0.25 s: ${f2(startup.wall)} s`, startup.wall <= 0.25]);
  if (large) {
    lines.push([
      `${large.scenarios.toLocaleString("en")} scenarios linear (≤ 11× the ${titles[0]} tree): ${large.wallRatio.toFixed(1)}× wall, ${large.cpuRatio.toFixed(1)}× cpu`,
      large.wallRatio <= 11 && large.cpuRatio <= 11,
    ]);
    lines.push([
      `${large.scenarios.toLocaleString("en")} scenarios peak ≤ 600 MB: ${large.stats.rssMb.toFixed(0)} MB`,
      large.stats.rssMb <= 600,
    ]);
  }
  out("\ntargets");
  for (const [text, met] of lines) out(`  ${met ? "met    " : "NOT met"}  ${text}`);
}

main();

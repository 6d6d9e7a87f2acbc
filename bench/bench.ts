/**
 * `npm run bench`: wall time and peak memory of ftparse on generated legacy trees, next to the floor
 * (a bare DuckDB scan of the same files, bench/floor.ts). Prints figures, never asserts on them.
 *
 *   node dist/bench/bench.js [--sizes 22,220,2200] [--runs 5] [--no-large]
 *
 * For each tree size: `ftparse TREE --format json`, `ftparse ingest TREE --db FILE` (when that command
 * exists), the floor and the typed floor (bench/floor.ts --typed: DuckDB extracting just the client-log
 * fields the metrics read, on as many one-thread connections as ftparse's ingest), each run `--runs`
 * times as a child process; the median wall time and the largest peak RSS are shown, with ratios to
 * the floor. Also the start-up time on one scenario. The
 * 2,200-scenario tree (~1.8 GB) is generated only when the disk has room (or never with --no-large).
 * Last, the targets with "met" or "NOT met" for this run (a report, never an assertion).
 * Trees are generated once under bench/.data/ and reused (bench/generate.ts).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statfsSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_PARAMS, dataDir, ensureTree, repoRoot, treeName } from "./generate.js";
import { measure, type Measurement } from "./measure.js";

interface Options {
  sizes: number[];
  runs: number;
  large: boolean;
}

function parseArgs(argv: readonly string[]): Options {
  const o: Options = { sizes: [22, 220, 2200], runs: 5, large: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--sizes") o.sizes = argv[++i]!.split(",").map(Number);
    else if (a === "--runs") o.runs = Number(argv[++i]);
    else if (a === "--no-large") o.large = false;
    else throw new Error(`usage: bench.js [--sizes 22,220,2200] [--runs N] [--no-large] (bad ${a})`);
  }
  return o;
}

const bin = join(repoRoot, "dist", "src", "bin.js");
const floorScript = join(repoRoot, "dist", "bench", "floor.js");

/**
 * Whether `ftparse ingest` exists in this build (another branch adds it). Without it, `ingest --help`
 * still exits 0 (the main command's help, "ingest" read as a PATH), so look at whose usage it prints.
 */
function ingestAvailable(): boolean {
  const r = spawnSync(process.execPath, [bin, "ingest", "--help"], { encoding: "utf8" });
  return r.status === 0 && /Usage: ftparse ingest\b/.test(r.stdout);
}

/** Bytes free on the disk holding bench/.data. */
function freeBytes(): number {
  const s = statfsSync(repoRoot);
  return s.bavail * s.bsize;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

interface Row {
  label: string;
  wall: number;
  cpu: number;
  rssMb: number;
}

function repeat(runs: number, label: string, argv: string[], onEach?: () => void): Row {
  const results: Measurement[] = [];
  for (let i = 0; i < runs; i++) {
    onEach?.();
    const m = measure(process.execPath, argv);
    if (m.status !== 0) {
      throw new Error(`${label} exited with ${m.status}: ${m.stderr.slice(-500)}`);
    }
    results.push(m);
  }
  return {
    label,
    wall: median(results.map((r) => r.wallS)),
    cpu: median(results.map((r) => r.cpuS)),
    rssMb: Math.max(...results.map((r) => r.maxRssKb)) / 1024,
  };
}

function printTable(title: string, rows: (Row | string)[], floor: Row | undefined): void {
  process.stdout.write(`\n${title}\n`);
  process.stdout.write(
    `  ${"".padEnd(34)}${"wall s".padStart(9)}${"cpu s".padStart(8)}${"peak MB".padStart(10)}` +
      `${"× floor wall".padStart(15)}${"× floor cpu".padStart(13)}${"× floor MB".padStart(12)}\n`,
  );
  for (const r of rows) {
    if (typeof r === "string") {
      process.stdout.write(`  ${r}\n`);
      continue;
    }
    const ratio = (a: number, b: number | undefined) => (b ? `${(a / b).toFixed(2)}×` : "");
    process.stdout.write(
      `  ${r.label.padEnd(34)}${r.wall.toFixed(2).padStart(9)}${r.cpu.toFixed(2).padStart(8)}` +
        `${r.rssMb.toFixed(0).padStart(10)}${ratio(r.wall, floor?.wall).padStart(15)}` +
        `${ratio(r.cpu, floor?.cpu).padStart(13)}${ratio(r.rssMb, floor?.rssMb).padStart(12)}\n`,
    );
  }
}

function main(): void {
  const o = parseArgs(process.argv.slice(2));
  const withIngest = ingestAvailable();
  const load = spawnSync("cat", ["/proc/loadavg"], { encoding: "utf8" }).stdout.trim();
  process.stdout.write(
    `ftparse bench: ${cpus().length} cores, node ${process.version}, median of ${o.runs} runs` +
      ` (load average at start: ${load || "?"}; other processes skew the figures)\n`,
  );
  const reports = new Map<number, { report: Row; floor: Row }>();
  for (const scenarios of o.sizes) {
    const params = { scenarios, ...DEFAULT_PARAMS };
    const bytesNeeded = scenarios * 850_000;
    if (scenarios >= 2200 && !o.large) {
      process.stdout.write(`\n${scenarios} scenarios: skipped (--no-large)\n`);
      continue;
    }
    const generated = existsSync(join(dataDir, treeName(params), ".params.json"));
    if (!generated && freeBytes() < bytesNeeded * 1.5) {
      process.stdout.write(
        `\n${scenarios} scenarios: skipped, not enough free disk for ~${(bytesNeeded / 1e9).toFixed(1)} GB\n`,
      );
      continue;
    }
    const started = performance.now();
    const tree = ensureTree(params);
    const how = tree.reused
      ? "reused"
      : `generated in ${((performance.now() - started) / 1000).toFixed(1)} s`;
    const title =
      `${scenarios} scenarios (${tree.clientLines} client lines, ${(tree.bytes / 1e6).toFixed(0)} MB, ` +
      `${how}: ${tree.dir.slice(repoRoot.length + 1)})`;
    const floor = repeat(o.runs, "floor: DuckDB read_json + read_text", [floorScript, tree.dir]);
    const typed = repeat(o.runs, "typed floor: fields the metrics read", [floorScript, tree.dir, "--typed"]);
    const report = repeat(o.runs, "ftparse TREE --format json", [bin, tree.dir, "--format", "json"]);
    reports.set(scenarios, { report, floor });
    let ingest: Row | string = `${"ftparse ingest TREE --db FILE".padEnd(34)}n/a (command not available)`;
    if (withIngest) {
      const dir = mkdtempSync(join(tmpdir(), "ftparse-bench-"));
      const db = join(dir, "bench.duckdb");
      try {
        // A fresh database each time: re-ingesting the same tree would be skipped by its fingerprint.
        ingest = repeat(
          o.runs,
          "ftparse ingest TREE --db FILE",
          [bin, "ingest", tree.dir, "--db", db],
          () => {
            for (const f of readdirSync(dir)) rmSync(join(dir, f), { force: true });
          },
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    printTable(title, [floor, typed, report, ingest], floor);
  }
  // Start-up: the smallest useful input, one scenario of the 22-scenario tree.
  const small = ensureTree({ scenarios: 22, ...DEFAULT_PARAMS });
  const runDir = join(small.dir, "run_000");
  const one = join(runDir, readdirSync(runDir).sort()[0]!);
  const startup = repeat(o.runs, "ftparse ONE_SCENARIO --format json", [bin, one, "--format", "json"]);
  printTable("start-up (one scenario)", [startup], undefined);
  printTargets(reports, startup);
}

/** The targets (README "Performance"), checked against this run's medians. */
function printTargets(reports: Map<number, { report: Row; floor: Row }>, startup: Row): void {
  const lines: [string, boolean][] = [];
  const mid = reports.get(220);
  if (mid) {
    const { report, floor } = mid;
    lines.push([`220 tree ≤ 1.0 s wall: ${report.wall.toFixed(2)} s`, report.wall <= 1.0]);
    lines.push([
      `220 tree ≤ 1.5× the floor: ${(report.wall / floor.wall).toFixed(2)}×`,
      report.wall <= 1.5 * floor.wall,
    ]);
    lines.push([`220 tree peak ≤ 600 MB: ${report.rssMb.toFixed(0)} MB`, report.rssMb <= 600]);
  }
  const big = reports.get(2200);
  if (mid && big) {
    const ratio = big.report.wall / mid.report.wall;
    lines.push([`2,200 tree ≤ 11× the 220 tree: ${ratio.toFixed(1)}×`, ratio <= 11]);
  }
  lines.push([`start-up on one scenario ≤ 0.3 s: ${startup.wall.toFixed(2)} s`, startup.wall <= 0.3]);
  process.stdout.write("\ntargets\n");
  for (const [text, met] of lines) process.stdout.write(`  ${met ? "met    " : "NOT met"}  ${text}\n`);
}

main();

/**
 * The corruption suite for the AI-Perf and event-harness layouts: file-level damage of the kind a
 * crashed run or a half-copied CI artifact leaves (a profile export missing, empty, cut short, garbled,
 * of the wrong JSON shape, a folder where a file was; a test log or fault_tolerance_report.json alike;
 * an AI-Perf scenario reduced to client_0/attempt_0's exports), applied to a copy of
 * fixtures/layouts/mixed/{aiperf,events}, and judged against the clean run:
 * - no internal error (exit 3) and no stack trace; exit 0, or 2 only when every scenario was damaged;
 * - every scenario without a damaged file has exactly its clean numbers;
 * - a damaged scenario that is left out of the summary is named in a warning.
 * (The legacy layout's line-by-line accounting is mutations.ts/oracle.ts.)
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join, relative, sep } from "node:path";
import { main } from "../../src/cli.js";
import { recordingEffects } from "../../src/effects.js";
import { Warnings, type Warning } from "../../src/messages.js";
import type { Rng } from "./prng.js";

/** The layout a scenario folder of the sources is in. */
export type LayoutName = "aiperf" | "events";

export type FileClass =
  | "aiperf-summary"
  | "aiperf-records"
  | "aiperf-other"
  | "testlog"
  | "report"
  | "server-metrics"
  | "yaml"
  | "podlog"
  | "client";

export function classify(rel: string): FileClass {
  const name = basename(rel);
  if (name === "profile_export_aiperf.json") return "aiperf-summary";
  if (name === "profile_export.jsonl") return "aiperf-records";
  if (name === "test.log.txt") return "testlog";
  if (name === "fault_tolerance_report.json") return "report";
  if (name === "server_metrics_export.jsonl") return "server-metrics";
  if (name.endsWith(".yaml")) return "yaml";
  if (/^client_\d+\.log\.txt$/.test(name)) return "client";
  if (/^profile_export|genai_perf|aiperf\.log/.test(name)) return "aiperf-other";
  return "podlog";
}

export interface LayoutTree {
  /** Scenario folder (relative to the root) → its layout. */
  scenarios: Map<string, LayoutName>;
  /** Every file (relative), with the scenario it belongs to. */
  files: { rel: string; scenario: string; cls: FileClass }[];
}

/** Damage done to one case's copy: which scenarios were touched, and how (for the report). */
export interface Damage {
  touched: Set<string>;
  description: string[];
  /** Scenarios reduced to a bare artifact: also read alone, as a copied artifact is. */
  bare: string[];
}

export interface LayoutMutation {
  name: string;
  /** Which files it applies to (others are never picked). */
  targets: readonly FileClass[];
  /** Damage `path` (absolute, a file that exists); returns what was done, or null if it does not apply. */
  apply(path: string, rng: Rng): string | null;
}

const JSONISH: readonly FileClass[] = ["aiperf-summary", "aiperf-records", "report", "server-metrics"];
const TEXT: readonly FileClass[] = [...JSONISH, "testlog", "yaml", "podlog", "client", "aiperf-other"];

const WRONG_JSON = [
  "[]",
  "42",
  "null",
  '"a string"',
  "{}",
  '{"records": "oops", "metrics": 7}',
  '{"request_latency": {"avg": "slow"}}',
  '{"metadata": null, "metrics": null, "error": [1, 2]}',
  '{"scenario": {"events": 42}, "results": "x"}',
  '{"a": 1e999, "b": -1e999}',
];

export const LAYOUT_MUTATIONS: readonly LayoutMutation[] = [
  {
    name: "delete",
    targets: TEXT,
    apply(path) {
      rmSync(path);
      return "deleted";
    },
  },
  {
    name: "empty",
    targets: TEXT,
    apply(path) {
      writeFileSync(path, "");
      return "emptied";
    },
  },
  {
    name: "truncate",
    targets: TEXT,
    apply(path, rng) {
      const bytes = readFileSync(path);
      if (bytes.length < 2) return null;
      const cut = rng.int(1, bytes.length - 1);
      writeFileSync(path, bytes.subarray(0, cut));
      return `cut at byte ${cut} of ${bytes.length}`;
    },
  },
  {
    name: "garble",
    targets: TEXT,
    apply(path, rng) {
      const bytes = Buffer.from(readFileSync(path));
      if (bytes.length === 0) return null;
      const n = rng.int(1, Math.min(16, bytes.length));
      for (let i = 0; i < n; i++) bytes[rng.int(0, bytes.length - 1)] = rng.int(0, 255);
      writeFileSync(path, bytes);
      return `${n} random bytes overwritten`;
    },
  },
  {
    name: "binary",
    targets: TEXT,
    apply(path, rng) {
      writeFileSync(path, rng.bytes(rng.int(1, 4096)));
      return "replaced by random bytes (NULs, invalid UTF-8)";
    },
  },
  {
    name: "wrong-json",
    targets: JSONISH,
    apply(path, rng) {
      const text = rng.pick(WRONG_JSON);
      // a JSON Lines file gets the odd value as one of its lines, or as its only line
      if (path.endsWith(".jsonl") && rng.chance(0.5)) {
        const lines = readFileSync(path, "utf8").split("\n");
        const at = rng.int(0, lines.length - 1);
        lines.splice(at, 0, text);
        writeFileSync(path, lines.join("\n"));
        return `line ${at + 1} inserted: ${text}`;
      }
      writeFileSync(path, text + "\n");
      return `replaced by ${text}`;
    },
  },
  {
    name: "non-finite",
    targets: JSONISH,
    apply(path, rng) {
      const text = readFileSync(path, "utf8");
      const value = rng.pick(["1e999", "-1e999", "NaN", "Infinity", "-1"]);
      let n = 0;
      const out = text.replace(/(":\s*)-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g, (m, head: string) =>
        rng.chance(0.2) ? (n++, `${head}${value}`) : m,
      );
      if (n === 0) return null;
      writeFileSync(path, out);
      return `${n} numbers replaced by ${value}`;
    },
  },
  {
    name: "folder",
    targets: TEXT,
    apply(path) {
      rmSync(path);
      mkdirSync(path);
      writeFileSync(join(path, "inner.txt"), "not the file\n");
      return "replaced by a folder";
    },
  },
];

/** Applies to a whole AI-Perf scenario: only client_0/attempt_0's profile exports are kept (item 10). */
export function bareArtifact(root: string, scenario: string): string | null {
  const dir = join(root, scenario);
  const keep = join(dir, "client_0", "attempt_0");
  if (!existsSync(join(keep, "profile_export_aiperf.json"))) return null;
  for (const entry of readdirSync(dir))
    if (entry !== "client_0") rmSync(join(dir, entry), { recursive: true });
  for (const entry of readdirSync(join(dir, "client_0")))
    if (entry !== "attempt_0") rmSync(join(dir, "client_0", entry), { recursive: true });
  for (const entry of readdirSync(keep))
    if (!entry.startsWith("profile_export")) rmSync(join(keep, entry), { recursive: true });
  return "reduced to client_0/attempt_0's profile exports (no test.log.txt)";
}

function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

/**
 * Copy the sources side by side under `clean` (one folder per layout), with a second copy of each
 * AI-Perf scenario under another name so that the layout always has an untouched scenario to compare.
 */
export function buildCleanTree(sources: { layout: LayoutName; dir: string }[], clean: string): LayoutTree {
  rmSync(clean, { recursive: true, force: true });
  const scenarios = new Map<string, LayoutName>();
  for (const { layout, dir } of sources) {
    for (const name of readdirSync(dir)) {
      const from = join(dir, name);
      if (!statSync(from).isDirectory()) continue;
      cpSync(from, join(clean, layout, name), { recursive: true });
      scenarios.set(join(layout, name), layout);
      if (layout === "aiperf") {
        const twin = name.replace(/-([^-\]]+)\]$/, "-twin_$1]");
        cpSync(from, join(clean, layout, twin), { recursive: true });
        scenarios.set(join(layout, twin), layout);
      }
    }
  }
  const files = walk(clean).map((abs) => {
    const rel = relative(clean, abs);
    const scenario = [...scenarios.keys()].find((s) => rel.startsWith(s + sep))!;
    return { rel, scenario, cls: classify(rel) };
  });
  return { scenarios, files };
}

type Row = Record<string, unknown>;

export interface LayoutRun {
  code: number;
  stdout: string;
  stderr: string;
  warnings: Warning[];
}

class KeptWarnings extends Warnings {
  readonly all: Warning[] = [];
  override add(w: Warning): void {
    this.all.push(w);
    super.add(w);
  }
}

export async function runFtparse(args: string[]): Promise<LayoutRun> {
  const warnings = new KeptWarnings();
  const rec = recordingEffects(warnings);
  let code: number;
  try {
    code = await main(args, rec.effects);
  } catch (e) {
    return { code: -1, stdout: rec.stdout(), stderr: `${rec.stderr()}\nthrown: ${String(e)}`, warnings: [] };
  }
  return { code, stdout: rec.stdout(), stderr: rec.stderr(), warnings: warnings.all };
}

/** Summary rows by scenario folder (relative to root); scenario_dir itself is left out of the comparison. */
export function rowsByScenario(stdout: string, root: string): Map<string, Row> {
  const out = new Map<string, Row>();
  if (!stdout.trim()) return out;
  for (const r of JSON.parse(stdout) as Row[]) {
    // run (named after the PATH: "clean" or "tree") and scenario_id (numbered per report) say where a
    // row came from, not what was measured: they are left out of the comparison
    const { scenario_dir, ...rest } = r;
    delete rest.run;
    delete rest.scenario_id;
    out.set(relative(root, String(scenario_dir)), rest);
  }
  return out;
}

/** Damage a fresh copy of `clean` at `root` with `count` seeded mutations. */
export function damage(tree: LayoutTree, clean: string, root: string, rng: Rng, count: number): Damage {
  rmSync(root, { recursive: true, force: true });
  cpSync(clean, root, { recursive: true });
  const touched = new Set<string>();
  const description: string[] = [];
  const gone = new Set<string>();
  const bare: string[] = [];
  for (let tries = 0; description.length < count && tries < count * 10; tries++) {
    if (rng.chance(0.08)) {
      const aiperf = [...tree.scenarios]
        .filter(([s, l]) => l === "aiperf" && !touched.has(s))
        .map(([s]) => s);
      if (aiperf.length === 0) continue;
      const s = rng.pick(aiperf);
      const d = bareArtifact(root, s);
      if (d === null) continue;
      touched.add(s);
      bare.push(s);
      for (const f of tree.files) if (f.scenario === s) gone.add(f.rel);
      description.push(`bare-artifact: ${s} ${d}`);
      continue;
    }
    const m = rng.pick(LAYOUT_MUTATIONS);
    const candidates = tree.files.filter((f) => m.targets.includes(f.cls) && !gone.has(f.rel));
    if (candidates.length === 0) continue;
    const f = rng.pick(candidates);
    const path = join(root, f.rel);
    if (!existsSync(path) || !statSync(path).isFile()) continue;
    const d = m.apply(path, rng);
    if (d === null) continue;
    if (m.name === "delete" || m.name === "folder") gone.add(f.rel);
    touched.add(f.scenario);
    description.push(`${m.name}: ${f.rel} ${d}`);
  }
  // keep the parent folders of deleted files: a mutation damages files, not the tree's shape
  for (const rel of gone) mkdirSync(dirname(join(root, rel)), { recursive: true });
  return { touched, description, bare };
}

/** What went wrong in one case, judged against the clean rows. */
export function judge(
  clean: Map<string, Row>,
  tree: LayoutTree,
  root: string,
  dmg: Damage,
  r: LayoutRun,
): string[] {
  const problems: string[] = [];
  if (r.code === -1 || r.code === 3 || /internal error|\n\s+at .+\(.*:\d+:\d+\)/.test(r.stderr)) {
    problems.push(`crashed (exit ${r.code}): ${r.stderr.split("\n").slice(-6).join(" | ")}`);
    return problems;
  }
  if (r.code !== 0 && r.code !== 2) problems.push(`exit ${r.code}`);
  if (r.code === 2 && dmg.touched.size < tree.scenarios.size) {
    problems.push(`exit 2 although ${tree.scenarios.size - dmg.touched.size} scenarios were untouched`);
  }
  if (r.code !== 0) return problems;
  let rows: Map<string, Row>;
  try {
    rows = rowsByScenario(r.stdout, root);
  } catch (e) {
    return [`stdout is not JSON: ${String(e)}`];
  }
  for (const s of tree.scenarios.keys()) {
    const before = clean.get(s);
    const after = rows.get(s);
    if (!dmg.touched.has(s)) {
      if (!sameRow(before, after)) {
        problems.push(`untouched ${s} changed: ${JSON.stringify(before)} → ${JSON.stringify(after)}`);
      }
    } else if (before && !after) {
      const dir = join(root, s);
      if (!r.warnings.some((w) => w.file !== undefined && (w.file === dir || w.file.startsWith(dir + sep)))) {
        problems.push(`${s} left out of the summary without a warning naming it`);
      }
    }
  }
  return problems;
}

/**
 * Equal rows, numbers to a relative 1e-9: DuckDB sums in parallel, in no fixed order, so an average
 * may differ in its last bits between two runs of the same files.
 */
function sameRow(a: unknown, b: unknown): boolean {
  if (typeof a === "number" && typeof b === "number") {
    return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  }
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return a === b;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length || ka.some((k, i) => k !== kb[i])) return false;
  return ka.every((k) => sameRow((a as Row)[k], (b as Row)[k]));
}

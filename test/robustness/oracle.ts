/**
 * The oracle of the mutation suite: runs the real CLI in-process (`main`) on a mutated copy of a small
 * tree and says what went wrong, if anything, against the clean run:
 * - no internal error or stack trace; exit code 0, or 2 (--strict, or no usable input);
 * - every scenario the mutations did not touch has exactly its clean numbers;
 * - a scenario whose client logs were damaged has the numbers of its surviving lines (computed here from
 *   the clean run's per-line attempts), and every damaged or inserted non-blank client line has a
 *   warning at its own line number, every intact line exactly the warnings it had when clean;
 * - everything made unreadable is warned about by name.
 */
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { main } from "../../src/cli.js";
import { openDatabase } from "../../src/schema.js";
import { recordingEffects } from "../../src/effects.js";
import { loadResults } from "../../src/pipeline.js";
import { Warnings, type Warning } from "../../src/messages.js";
import { MUTATIONS, type Attempt, type BaselineFacts, type Mutation } from "./mutations.js";
import { Rng } from "./prng.js";
import { isBlank, readTree, writeTree, type TreeState } from "./tree.js";

type Row = Record<string, unknown>;

/** Keeps every warning (the CLI empties the collector when it prints). */
class KeptWarnings extends Warnings {
  readonly all: Warning[] = [];
  override add(w: Warning): void {
    this.all.push(w);
    super.add(w);
  }
}

export interface Baseline {
  tz: string;
  clean: string;
  root: string;
  rows: Map<string, Row>;
  warnings: Warning[];
  fault: Map<string, number | null>;
  facts: BaselineFacts;
}

export interface CaseResult {
  description: string[];
  problems: string[];
  code: number;
}

async function run(
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string; warnings: Warning[] }> {
  const warnings = new KeptWarnings();
  const rec = recordingEffects(warnings);
  const code = await main(args, rec.effects);
  return { code, stdout: rec.stdout(), stderr: rec.stderr(), warnings: warnings.all };
}

function rowsBy(stdout: string, root: string): Map<string, Row> {
  const out = new Map<string, Row>();
  if (!stdout.trim()) return out;
  for (const r of JSON.parse(stdout) as Row[]) out.set(relative(root, String(r.scenario_dir)), r);
  return out;
}

/** Copy the source scenario folders into `work`, run the clean tree once, and learn its per-line facts. */
export async function makeBaseline(
  sources: readonly string[],
  work: string,
  tz: string,
  hugeLineBytes: number,
): Promise<Baseline> {
  const clean = join(work, `clean-${tz.replace(/\W/g, "_")}`);
  const root = join(work, "tree");
  const outside = join(work, "outside");
  mkdirSync(outside, { recursive: true });
  rmSync(clean, { recursive: true, force: true });
  for (const s of sources) cpSync(s, clean, { recursive: true });
  rmSync(root, { recursive: true, force: true });
  cpSync(clean, root, { recursive: true });
  const r = await run([root, "--format", "json", "--tz", tz]);
  if (r.code !== 0) throw new Error(`clean run failed: ${r.stderr}`);
  const db = await openDatabase();
  const attempts = new Map<string, Map<number, Attempt[]>>();
  const fault = new Map<string, number | null>();
  try {
    await loadResults(db, { paths: [root], tz }, recordingEffects(new Warnings()).effects);
    for (const q of await db.sql(
      `SELECT file, line_no, success, latency_s, epoch_ms(end_ts_logged) AS ts FROM requests WHERE counted
       ORDER BY file, line_no, attempt`,
    )) {
      const rel = relative(root, String(q.file));
      let byLine = attempts.get(rel);
      if (!byLine) attempts.set(rel, (byLine = new Map()));
      const list = byLine.get(Number(q.line_no)) ?? [];
      list.push({ success: Boolean(q.success), latency: Number(q.latency_s), tsMs: Number(q.ts) });
      byLine.set(Number(q.line_no), list);
    }
    for (const s of await db.sql(`SELECT dir, epoch_ms(fault_ts) AS fault FROM scenarios`))
      fault.set(relative(root, String(s.dir)), s.fault === null ? null : Number(s.fault));
  } finally {
    db.close();
  }
  const baseline: Baseline = {
    tz,
    clean,
    root,
    rows: rowsBy(r.stdout, root),
    warnings: r.warnings,
    fault,
    facts: { tz, attempts, outside, hugeLineBytes, root: process.getuid?.() === 0 },
  };
  // The oracle's own model must reproduce the clean numbers, or its verdicts mean nothing.
  const state = readTree(clean);
  for (const s of state.scenarios) {
    const problems = compareModel(baseline, state, s, baseline.rows.get(s));
    if (problems.length > 0)
      throw new Error(`oracle model disagrees with the clean run: ${problems.join("; ")}`);
  }
  return baseline;
}

/** Apply `count` random mutations (seeded) to a fresh copy of the tree, run ftparse, judge the result. */
export async function runCase(
  baseline: Baseline,
  seed: number,
  count: number,
  kinds: readonly Mutation[] = MUTATIONS,
): Promise<CaseResult> {
  const rng = new Rng(seed);
  const { root, clean } = baseline;
  rmSync(root, { recursive: true, force: true });
  cpSync(clean, root, { recursive: true });
  const state = readTree(clean);
  const description: string[] = [];
  for (let tries = 0; description.length < count && tries < count * 10; tries++) {
    const m = rng.pick(kinds);
    const d = m.apply(state, rng, baseline.facts);
    if (d !== null) description.push(`${m.name}: ${d}`);
  }
  writeTree(state, root);
  const strict = rng.chance(0.25);
  const args = [root, "--format", "json", "--tz", baseline.tz, ...(strict ? ["--strict"] : [])];
  const r = await run(args);
  const problems = judge(baseline, state, r, strict);
  return { description, problems, code: r.code };
}

function judge(
  baseline: Baseline,
  state: TreeState,
  r: { code: number; stdout: string; stderr: string; warnings: Warning[] },
  strict: boolean,
): string[] {
  const problems: string[] = [];
  const { root } = baseline;
  if (/internal error/.test(r.stderr))
    problems.push(`internal error: ${r.stderr.split("\n").find((l) => /internal/.test(l))}`);
  if (/\n\s+at .+:\d+:\d+/.test(r.stderr)) problems.push("stack trace on stderr");
  if (r.code !== 0 && r.code !== 2) problems.push(`exit code ${r.code}`);
  if (strict && r.code !== 2 && r.warnings.length > 0)
    problems.push(`--strict with warnings gave exit ${r.code}`);
  if (!strict && r.code === 2 && !/none had a readable client request/.test(r.stderr))
    problems.push(`exit 2 without --strict: ${r.stderr.slice(-300)}`);
  let rows: Map<string, Row>;
  try {
    rows = rowsBy(r.stdout, root);
  } catch (e) {
    return [...problems, `stdout is not JSON: ${(e as Error).message}`];
  }
  const mapRel = (rel: string) => {
    const [first, ...rest] = rel.split("/");
    const to = state.renames.get(first!);
    return to ? [to, ...rest].join("/") : rel;
  };
  const abs = (rel: string) => join(root, mapRel(rel));

  // Numbers, scenario by scenario.
  for (const s of state.scenarios) {
    const got = rows.get(mapRel(s));
    if (state.renames.has(s) && got) {
      const to = state.renames.get(s)!;
      const expectedGroup = to.slice("test_fault_scenario[".length, to.lastIndexOf("-"));
      if (got.test_group !== expectedGroup) problems.push(`${to}: test_group ${String(got.test_group)}`);
    }
    switch (state.check.get(s)) {
      case "clean": {
        const want = baseline.rows.get(s);
        if (!want !== !got) problems.push(`${s}: row ${got ? "appeared" : "vanished"}`);
        else if (want && got) {
          for (const k of Object.keys(want)) {
            // where the row came from (its path, run name and per-report id), not what was measured
            if (["scenario_dir", "test_group", "run", "scenario_id"].includes(k)) continue;
            // Objects (the `errors` breakdown) compare by content.
            const [w, g] = [JSON.stringify(want[k]), JSON.stringify(got[k])];
            if (w !== g) problems.push(`${s}: ${k} ${g} ≠ clean ${w}`);
          }
        }
        break;
      }
      case "client-model":
        problems.push(...compareModel(baseline, state, s, got));
        break;
      default:
        break;
    }
  }

  // Warnings, client file by client file and line by line.
  const warningsAt = new Map<string, Warning[]>();
  for (const w of r.warnings) {
    const key = `${w.file ?? ""}\u0000${w.line ?? ""}`;
    warningsAt.set(key, [...(warningsAt.get(key) ?? []), w]);
  }
  const cleanAt = (file: string, line: number) =>
    baseline.warnings
      .filter((w) => w.file === join(root, file) && w.line === line)
      .map((w) => w.message)
      .sort();
  for (const f of state.files.values()) {
    if (f.kind !== "client" || f.state !== "present") continue;
    const file = abs(f.rel);
    f.lines.forEach((l, i) => {
      const at = (warningsAt.get(`${file}\u0000${i + 1}`) ?? []).map((w) => w.message).sort();
      const where = `${mapRel(f.rel)}:${i + 1}`;
      if (isBlank(l.bytes)) {
        if (at.length > 0) problems.push(`${where}: blank line warned about: ${at.join(" | ")}`);
      } else if (l.fate === "intact") {
        const want = cleanAt(f.rel, l.origin!);
        if (want.join("|") !== at.join("|"))
          problems.push(`${where}: warnings [${at}] ≠ clean line ${l.origin} [${want}]`);
      } else if (l.fate === "retimed") {
        if (at.length > 0) problems.push(`${where}: rewritten time warned about: ${at.join(" | ")}`);
      } else if (at.length === 0) {
        problems.push(`${where}: ${l.fate} line not warned about`);
      }
    });
    for (const w of r.warnings) {
      if (w.file === file && w.line !== undefined && w.line > f.lines.length)
        problems.push(`${mapRel(f.rel)}: warning at line ${w.line} beyond the last line ${f.lines.length}`);
    }
  }
  for (const rel of state.mustWarnFiles) {
    if (!r.warnings.some((w) => w.file === abs(rel))) problems.push(`${mapRel(rel)}: not warned about`);
  }
  for (const re of state.mustWarnMatching) {
    if (!r.warnings.some((w) => re.test(w.file ?? ""))) problems.push(`no warning matching ${re}`);
  }
  return problems;
}

/** The scenario's expected numbers from its surviving client lines, against what ftparse printed. */
function compareModel(baseline: Baseline, state: TreeState, s: string, got: Row | undefined): string[] {
  const attempts: Attempt[] = [];
  for (const f of state.files.values()) {
    if (f.scenario !== s || f.kind !== "client" || f.state !== "present") continue;
    const byLine = baseline.facts.attempts.get(f.rel);
    for (const l of f.lines) {
      if (isBlank(l.bytes)) continue;
      if (l.fate === "suspect") return []; // may or may not count: not predicted
      if (l.fate !== "intact" && l.fate !== "retimed") continue;
      for (const a of byLine?.get(l.origin!) ?? [])
        attempts.push(l.fate === "retimed" ? { ...a, tsMs: l.tsMs! } : a);
    }
  }
  if (attempts.length === 0) return got ? [`${s}: expected no row (no request survives), got one`] : [];
  if (!got) return [`${s}: row missing (${attempts.length} attempts survive)`];
  const fault = baseline.fault.get(s) ?? null;
  const before = attempts.filter((a) => fault === null || a.tsMs <= fault);
  const after = attempts.filter((a) => fault !== null && a.tsMs > fault);
  const mean = (xs: Attempt[]) =>
    xs.length === 0 ? null : xs.reduce((t, a) => t + a.latency, 0) / xs.length;
  const hasAfter = fault !== null && after.length > 0;
  const want: Row = {
    success_before: before.filter((a) => a.success).length,
    failed_before: before.filter((a) => !a.success).length,
    success_after: hasAfter ? after.filter((a) => a.success).length : null,
    failed_after: hasAfter ? after.filter((a) => !a.success).length : null,
    latency_before_s: mean(before.filter((a) => a.success)),
    latency_after_s: hasAfter ? mean(after.filter((a) => a.success)) : null,
  };
  const clean = baseline.rows.get(s);
  if (clean) {
    want.startup_s = clean.startup_s;
    want.recovery_s = clean.recovery_s;
  }
  const problems: string[] = [];
  for (const [k, v] of Object.entries(want)) {
    const g = got[k];
    const same =
      typeof v === "number" && typeof g === "number"
        ? Math.abs(v - g) <= 1e-9 * Math.max(1, Math.abs(v))
        : v === g;
    if (!same) problems.push(`${s}: ${k} ${String(g)} ≠ expected ${String(v)}`);
  }
  return problems;
}

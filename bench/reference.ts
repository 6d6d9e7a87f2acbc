/**
 * The reference parser as a contender in `npm run bench`: Dynamo's `legacy_parse_results.py`, the
 * pandas script ftparse replaces. It is not part of this repository and never copied into it: the
 * bench runs it from where the user put it, named by FTPARSE_REFERENCE_PARSER, with the Python named by
 * FTPARSE_REFERENCE_PYTHON (default /usr/bin/python3, which needs pandas and tabulate), through
 * bench/reference_runner.py (one interpreter per tree; see that file for what it does and does not
 * change). Also the check that its numbers and ftparse's agree on a clean tree (docs/performance.md).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./generate.js";

export const HOW_TO_ENABLE =
  "reference parser: not measured; to compare with it, save Dynamo's " +
  "tests/fault_tolerance/deploy/legacy_parse_results.py outside the repository and run " +
  "FTPARSE_REFERENCE_PARSER=/path/to/legacy_parse_results.py npm run bench " +
  "(its Python, FTPARSE_REFERENCE_PYTHON, default /usr/bin/python3, needs pandas and tabulate: " +
  "apt-get install python3-pandas python3-tabulate)";

export interface Reference {
  python: string;
  script: string;
  runner: string;
}

/** The reference when it can run here, or the reason it cannot. */
export function findReference(env: NodeJS.ProcessEnv = process.env): Reference | { missing: string } {
  const script = env.FTPARSE_REFERENCE_PARSER;
  const python = env.FTPARSE_REFERENCE_PYTHON || "/usr/bin/python3";
  if (!script) return { missing: HOW_TO_ENABLE };
  if (!existsSync(script)) {
    return {
      missing: `reference parser: FTPARSE_REFERENCE_PARSER=${script} does not exist; ${HOW_TO_ENABLE}`,
    };
  }
  const probe = spawnSync(python, ["-c", "import pandas, tabulate"], { encoding: "utf8" });
  if (probe.status !== 0) {
    const why = probe.error ? probe.error.message : probe.stderr.trim().split("\n").pop();
    return {
      missing: `reference parser: ${python} cannot import pandas and tabulate (${why}); ${HOW_TO_ENABLE}`,
    };
  }
  return { python, script, runner: join(repoRoot, "bench", "reference_runner.py") };
}

/** Arguments that run the reference over `tree` (its tables to stdout), optionally saving its numbers. */
export function referenceArgs(ref: Reference, tree: string, jsonOut?: string): string[] {
  return [ref.runner, ref.script, tree, ...(jsonOut ? ["--json", jsonOut] : [])];
}

/** What the runner reported on stderr: scenarios parsed and crashed. */
export function referenceOutcome(stderr: string): string {
  const m = /reference: (\d+) scenarios parsed, (\d+) crashed/.exec(stderr);
  return m ? `${m[1]} parsed, ${m[2]} crashed` : "outcome not reported";
}

interface FtparseRow {
  scenario_dir: string;
  test_group: string;
  failure: string;
  [field: string]: unknown;
}

/** Fields compared: ftparse's name, the reference's, and whether it is a count (exact) or seconds. */
const FIELDS: [string, string, "count" | "seconds"][] = [
  ["success_before", "success_before_requests", "count"],
  ["failed_before", "failed_before_requests", "count"],
  ["success_after", "success_after_requests", "count"],
  ["failed_after", "failed_after_requests", "count"],
  ["latency_before_s", "avg_latency_before", "seconds"],
  ["latency_after_s", "avg_latency_after", "seconds"],
  ["startup_s", "start_time", "seconds"],
  ["recovery_s", "recovery_time", "seconds"],
];

function same(a: unknown, b: unknown, kind: "count" | "seconds"): boolean {
  if (a === null || a === undefined || b === null || b === undefined) {
    return (a ?? null) === (b ?? null);
  }
  if (typeof a !== "number" || typeof b !== "number") return false;
  return kind === "count" ? a === b : Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));
}

/**
 * Lines comparing ftparse's JSON output with the reference's saved numbers on the same tree: for each
 * field, on how many scenarios they agree, a few groups side by side, and the first disagreements.
 */
export function agreementLines(ftparseJsonPath: string, referenceJsonPath: string, groups = 3): string[] {
  const ours = JSON.parse(readFileSync(ftparseJsonPath, "utf8")) as FtparseRow[];
  const theirs = (
    JSON.parse(readFileSync(referenceJsonPath, "utf8")) as {
      results: Record<string, Record<string, unknown>>;
    }
  ).results;
  const lines: string[] = [];
  const pairs = ours
    .map((row) => ({ row, ref: theirs[row.scenario_dir] }))
    .filter((p): p is { row: FtparseRow; ref: Record<string, unknown> } => p.ref !== undefined);
  lines.push(
    `${pairs.length} scenarios in both (ftparse ${ours.length}, reference ${Object.keys(theirs).length})`,
  );
  const disagreements: string[] = [];
  for (const [ours, theirs, kind] of FIELDS) {
    const agree = pairs.filter((p) => same(p.row[ours], p.ref[theirs], kind)).length;
    lines.push(`${ours.padEnd(16)} agree on ${agree}/${pairs.length}`);
    for (const p of pairs) {
      if (disagreements.length < 5 && !same(p.row[ours], p.ref[theirs], kind)) {
        disagreements.push(
          `${p.row.test_group} ${p.row.failure}: ${ours} ftparse ${String(p.row[ours])}, reference ${String(p.ref[theirs])}`,
        );
      }
    }
  }
  const seen = new Set<string>();
  // one scenario with a fault per group: those have numbers after the fault to compare
  for (const p of pairs) {
    if (seen.size >= groups || seen.has(p.row.test_group) || p.row.failure === "none") continue;
    seen.add(p.row.test_group);
    const show = (v: unknown) => (typeof v === "number" ? String(Math.round(v * 1000) / 1000) : String(v));
    lines.push(
      `e.g. ${p.row.test_group} ${p.row.failure}: ` +
        FIELDS.slice(0, 6)
          .map(([ours, theirs]) => `${ours} ${show(p.row[ours])}/${show(p.ref[theirs])}`)
          .join(", ") +
        " (ftparse/reference)",
    );
  }
  for (const d of disagreements) lines.push(`differs: ${d}`);
  return lines;
}

/**
 * Every output format of `ftparse PATH` on every fixture tree, compared byte for byte with golden files
 * under test/expected/outputs/<case>/ (test/golden.ts): the terminal table and Markdown (with
 * --extended), JSON and CSV, and the warnings on stderr. The repository's absolute path, which
 * `scenario_dir` and warnings carry, is written as `<repo>` so the files hold on any checkout.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { assertGolden } from "../golden.js";
import { fixture, repoRoot, runCli } from "../helpers.js";

interface Case {
  name: string;
  path: string;
  args?: readonly string[];
}

const cases: readonly Case[] = [
  { name: "samples-legacy", path: fixture("samples", "legacy") },
  { name: "samples-aiperf", path: fixture("samples", "aiperf") },
  { name: "layouts-mixed", path: fixture("layouts", "mixed") },
  { name: "edge", path: fixture("edge") },
  { name: "ext", path: fixture("ext", "results") },
  { name: "perf-blank-lines", path: fixture("perf", "blank-lines") },
  { name: "tz-new-york", path: fixture("tz-new-york"), args: ["--tz", "America/New_York"] },
];

const formats = [
  { format: "table", file: "table.txt", extra: ["--extended"] },
  { format: "markdown", file: "summary.md", extra: ["--extended"] },
  { format: "json", file: "summary.json", extra: [] },
  { format: "csv", file: "summary.csv", extra: [] },
] as const;

function normalise(text: string): string {
  return text.split(repoRoot).join("<repo>");
}

describe("ftparse PATH on every fixture tree: golden outputs", () => {
  for (const c of cases) {
    describe(c.name, () => {
      for (const f of formats) {
        it(`--format ${f.format}`, async () => {
          const r = await runCli([c.path, ...(c.args ?? []), "--format", f.format, ...f.extra]);
          assert.equal(r.code, 0, r.stderr);
          assertGolden(`outputs/${c.name}/${f.file}`, normalise(r.stdout));
          if (f.format === "json") assertGolden(`outputs/${c.name}/stderr.txt`, normalise(r.stderr));
        });
      }
    });
  }
});

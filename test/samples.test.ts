/**
 * The reference numbers: ftparse on the shared legacy samples must reproduce every value the
 * reference parser prints (expected-legacy-raw.json): counts exactly, seconds within 1e-6.
 * Deliberate differences (docs/metrics.md#deliberate-differences): `nan` means are null here.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { fixture, rowOf, runCli, runJson } from "./helpers.js";

type Expected = Record<string, Record<string, Record<string, number | string | null>>>;
const expected = JSON.parse(readFileSync(fixture("samples", "expected-legacy-raw.json"), "utf8")) as Expected;

const mapping: [string, string, "count" | "seconds"][] = [
  ["start_time", "startup_s", "seconds"],
  ["success_before_requests", "success_before", "count"],
  ["failed_before_requests", "failed_before", "count"],
  ["success_after_requests", "success_after", "count"],
  ["failed_after_requests", "failed_after", "count"],
  ["avg_latency_before", "latency_before_s", "seconds"],
  ["avg_latency_after", "latency_after_s", "seconds"],
  ["recovery_time", "recovery_s", "seconds"],
  ["violations_before", "violations_before", "count"],
  ["violations_after", "violations_after", "count"],
];

describe("ftparse fixtures/samples/legacy (reference numbers)", () => {
  it("reproduces every value of expected-legacy-raw.json", async () => {
    const { code, rows } = await runJson([fixture("samples", "legacy")]);
    assert.equal(code, 0);
    let compared = 0;
    for (const [group, failures] of Object.entries(expected)) {
      for (const [failure, values] of Object.entries(failures)) {
        const row = rowOf(rows, group, failure);
        for (const [refKey, ourKey, kind] of mapping) {
          const want = values[refKey];
          const got = row[ourKey];
          if (want === null || want === "nan" || want === undefined) {
            assert.equal(got, null, `${group}/${failure} ${ourKey}`);
          } else if (kind === "count") {
            assert.equal(got, want, `${group}/${failure} ${ourKey}`);
          } else {
            assert.ok(
              Math.abs(Number(got) - Number(want)) < 1e-6,
              `${group}/${failure} ${ourKey}: ${got} vs ${want}`,
            );
          }
          compared++;
        }
      }
    }
    assert.equal(rows.length, 8);
    assert.equal(compared, 80);
  });

  it("prints the reference table's rounded numbers, group by group", async () => {
    const { code, stdout } = await runCli([fixture("samples", "legacy"), "--format", "table"]);
    assert.equal(code, 0);
    const ref = readFileSync(fixture("samples", "expected-legacy.txt"), "utf8");
    // Compare the data cells row by row (our counts print as integers: a deliberate difference).
    const cells = (text: string) =>
      text
        .split("\n")
        .filter((l) => /^│\s+[a-z_]+\s+│/.test(l))
        .map((l) =>
          l
            .split("│")
            .slice(1, -1)
            .map((c) => c.trim().replace(/^(\d+)\.00$/, "$1")),
        );
    const ours = cells(stdout);
    const theirs = cells(ref).map((r) => r.map((c, i) => (i >= 2 && i <= 5 ? c.replace(/\.00$/, "") : c)));
    assert.equal(ours.length, 8);
    assert.deepEqual(ours, theirs);
    assert.match(
      stdout,
      /Test Group: agg-tp-1-dp-1[\s\S]*Test Group: agg-tp-1-dp-2[\s\S]*Test Group: disagg-tp-1-dp-1/,
    );
  });

  it("warns about the truncated client line with file and line", async () => {
    const { stderr } = await runJson([fixture("samples", "legacy")]);
    assert.match(stderr, /agg-tp-1-dp-1-frontend\]\/client_3\.log\.txt:100: line skipped/);
  });
});

/**
 * `ftparse compare` judges each metric in its unit (docs/compare.md), on a real store: run 1 = the
 * agg-tp-1-dp-1 frontend sample; run 2 = the same with every request before the fault 1.5× slower (under
 * a second more) and each client's last 12 answers too short to count (a success-rate drop at the same
 * load); run 3 = the sample with half of its clients gone (another load, the same rates).
 */
import assert from "node:assert/strict";
import { cp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { runCli, runJson } from "../helpers.js";
import { frontendScenario, legacy, tempDir } from "../history/helpers.js";

let dir: string;
let cleanup: () => Promise<void>;
let db: string;
const FAULT = "2025-09-24T18:13:42"; // the scenario's test.log.txt injects the fault then

/** Copy the sample scenario to `dir/name/` and rewrite each client log line by `edit`. */
async function variant(name: string, edit: (line: string, i: number, n: number) => string): Promise<string> {
  const root = join(dir, name);
  const scenario = join(root, frontendScenario);
  await cp(join(legacy, frontendScenario), scenario, { recursive: true });
  for (const f of (await readdir(scenario)).filter((f) => /^client_\d+\.log\.txt$/.test(f))) {
    const lines = (await readFile(join(scenario, f), "utf8")).split("\n");
    const n = lines.filter((l) => l.trim()).length;
    await writeFile(join(scenario, f), lines.map((l, i) => (l.trim() ? edit(l, i, n) : l)).join("\n"));
  }
  return root;
}

before(async () => {
  ({ dir, cleanup } = await tempDir());
  db = join(dir, "history.duckdb");
  const base = await variant("base", (l) => l);
  const worse = await variant("worse", (l, i, n) => {
    if (l.slice(10, 29) < FAULT)
      return l.replace(
        /"request_elapsed_time": ([0-9.]+)/,
        (_, v: string) => `"request_elapsed_time": ${Number(v) * 1.5}`,
      );
    // content under 100 characters is not a success (docs/layouts/legacy.md#success-rule)
    return i >= n - 12 ? l.replace(/"content": "/, '"content": "short", "was": "') : l;
  });
  const half = await variant("half", (l) => l);
  for (const c of [0, 1, 2, 3, 4]) await rm(join(half, frontendScenario, `client_${c}.log.txt`));
  for (const root of [base, worse, half]) assert.equal((await runCli(["ingest", root, "--db", db])).code, 0);
});
after(() => cleanup());

const byMetric = (rows: Record<string, unknown>[]) => new Map(rows.map((r) => [String(r.metric), r]));

describe("ftparse compare: units and floors", () => {
  it("judges seconds past a 1 s floor, rates in points, counts at the same load", async () => {
    const { code, rows } = await runJson(["compare", "1", "2", "--db", db]);
    assert.equal(code, 0);
    const m = byMetric(rows);
    // +0.58 s is +47.7 %: beyond the 10 % threshold but under the 1 s floor, so not a regression
    const latency = m.get("latency_before_s")!;
    assert.deepEqual([latency.unit, latency.min_delta, latency.status], ["s", 1, "same"]);
    assert.ok(Number(latency.delta_ratio) > 0.4 && Number(latency.delta) < 1);
    // a rate: its change in points, judged in points
    const rate = m.get("success_rate_after")!;
    assert.equal(rate.unit, "pp");
    assert.equal(Number(Number(rate.delta_in_unit).toFixed(2)), -15.58);
    assert.equal(Number(rate.delta_in_unit), Number(rate.delta) * 100);
    assert.equal(rate.status, "regression");
    // same load (999 requests in both): the count moved with the rate, so it is judged
    assert.deepEqual([m.get("success_after")!.unit, m.get("success_after")!.status], ["count", "regression"]);
    assert.equal(m.get("clients_hit_share")!.unit, "pp");
    assert.equal(m.get("outage_total_s")!.status, "regression"); // +16 s
  });

  it("--min-delta lowers or raises the floor per unit", async () => {
    const low = byMetric((await runJson(["compare", "1", "2", "--db", db, "--min-delta", "500ms"])).rows);
    assert.equal(low.get("latency_before_s")!.status, "regression");
    assert.equal(low.get("latency_before_s")!.min_delta, 0.5);
    const high = byMetric((await runJson(["compare", "1", "2", "--db", db, "--min-delta", "20pp"])).rows);
    assert.equal(high.get("success_rate_after")!.status, "same");
    // the relative threshold still holds on seconds: +47.7 % is within 60 %
    const both = await runJson(["compare", "1", "2", "--db", db, "--min-delta", "0.5s", "--threshold", "60"]);
    assert.equal(byMetric(both.rows).get("latency_before_s")!.status, "same");
  });

  it("does not flag counts when the load differs, unless --counts", async () => {
    const m = byMetric((await runJson(["compare", "1", "3", "--db", db])).rows);
    for (const c of ["success_before", "success_after", "failed_after"])
      assert.equal(m.get(c)!.status, "load_differs", c);
    assert.equal(m.get("success_rate_after")!.status, "same");
    const counted = await runCli([
      "compare",
      "1",
      "3",
      "--db",
      db,
      "--counts",
      "--fail-on-regression",
      "--format",
      "json",
    ]);
    assert.equal(counted.code, 1);
    assert.equal(
      byMetric(JSON.parse(counted.stdout) as Record<string, unknown>[]).get("success_after")!.status,
      "regression",
    );
    const plain = await runCli(["compare", "1", "3", "--db", db, "--fail-on-regression", "--format", "json"]);
    assert.equal(plain.code, 0);
    assert.match(plain.stderr, /^0 regressions beyond 10 % and 1 s, 1 pp /m);
  });

  it("prints each kind of figure in one unit", async () => {
    const { stdout } = await runCli(["compare", "1", "2", "--db", db, "--format", "table"]);
    assert.match(stdout, /│ success_rate_after +│ +41\.10 % │ +25\.52 % │ +-15\.58 pp │ +│ ✗ REGRESSION │/);
    assert.match(stdout, /│ clients_hit_share +│ +100\.00 % │ +100\.00 % │ +0\.00 pp │ +│ +│/);
    assert.match(stdout, /│ latency_before_s +│ +1\.21 │ +1\.78 │ +\+0\.58 s │ +\+47\.70 % │ +│/);
    assert.match(stdout, /│ success_after +│ +314 │ +195 │ +-119 │ +-37\.90 % │ ✗ REGRESSION │/);
  });

  it("rejects a floor without a unit, and a percent", async () => {
    const bare = await runCli(["compare", "1", "2", "--db", db, "--min-delta", "2"]);
    assert.equal(bare.code, 2);
    assert.match(bare.stderr, /--min-delta expects a number and its unit \(s, ms, pp or count\), got "2"/);
    const pct = await runCli(["compare", "1", "2", "--db", db, "--min-delta", "2%"]);
    assert.equal(pct.code, 2);
    assert.match(pct.stderr, /hint: a rate's floor is in percentage points \(--min-delta 2pp\)/);
  });
});

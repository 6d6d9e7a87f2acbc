/**
 * Several runs in one report (docs/runs.md): every row names its run and scenario, tables get a `Run`
 * column, `check` judges each run. Two copies A and B of fixtures/samples/legacy are two runs with
 * the same numbers.
 */
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { runDisplayNames } from "../src/runNames.js";
import { fixture, runCli, runJson } from "./helpers.js";
import { assertCountsConsistent, junitSchemaErrors } from "./junitSchema.js";

const legacy = fixture("samples", "legacy");
let dir: string;
let A: string;
let B: string;

before(() => {
  dir = mkdtempSync(join(tmpdir(), "ftparse-runs-"));
  A = join(dir, "A");
  B = join(dir, "B");
  cpSync(legacy, A, { recursive: true });
  cpSync(legacy, B, { recursive: true });
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe("run display names", () => {
  const never = () => false;
  it("takes the last component, lengthening only names that collide", () => {
    assert.deepEqual(runDisplayNames(["B/run_000", "B/run_001/"], never), ["run_000", "run_001"]);
    assert.deepEqual(runDisplayNames(["/x/a/nightly", "/x/b/nightly", "/x/c"], never), [
      "a/nightly",
      "b/nightly",
      "c",
    ]);
  });
  it("drops archive extensions, numbers names that stay equal, and names a scenario by its folder", () => {
    assert.deepEqual(runDisplayNames(["/d/run-7.tar.gz", "/d/ci.zip", "/d/CI.TGZ"], never), [
      "run-7",
      "ci",
      "CI",
    ]);
    assert.deepEqual(runDisplayNames(["/d/run.zip", "/d/run.tgz"], never), ["run", "run#2"]);
    assert.deepEqual(
      runDisplayNames(["/d/r1/test_fault_scenario[a-b]"], () => true),
      ["r1"],
    );
    assert.deepEqual(runDisplayNames(["/d/r1", "/d/r1/"], never), ["r1", "r1"], "one place, one name");
  });
});

describe("ftparse A B", () => {
  it("gives every JSON row its run and a scenario_id that joins timeline.csv", async () => {
    const out = join(dir, "out");
    const single = await runJson([A]);
    const { code, rows } = await runJson([A, B, "--out", out]);
    assert.equal(code, 0);
    assert.equal(rows.length, 2 * single.rows.length);
    assert.deepEqual([...new Set(rows.map((r) => r.run))].sort(), ["A", "B"]);
    const ids = rows.map((r) => r.scenario_id);
    assert.ok(ids.every((id) => typeof id === "number"));
    assert.equal(new Set(ids).size, rows.length, "one scenario_id per scenario");
    for (const r of rows) {
      assert.ok(String(r.scenario_dir).startsWith(join(dir, String(r.run))), "run matches its tree");
    }
    const timeline = readFileSync(join(out, "timeline.csv"), "utf8").trimEnd().split(/\r?\n/);
    const col = timeline[0]!.split(",").indexOf("scenario_id");
    const timelineIds = new Set(timeline.slice(1).map((l) => Number(l.split(",")[col])));
    for (const id of timelineIds) assert.ok(ids.includes(id), `timeline scenario ${id} is a summary row`);
    const csv = readFileSync(join(out, "summary.csv"), "utf8").split("\r\n")[0]!;
    assert.match(csv, /,run,scenario_id$/);
    // report.html opens with the verdict: pass/fail per run under the default rules, slowest recoveries
    const html = readFileSync(join(out, "report.html"), "utf8");
    assert.ok(html.indexOf('<section id="verdict">') < html.indexOf('<section id="summary">'));
    const verdict = html.slice(
      html.indexOf('<section id="verdict">'),
      html.indexOf('<section id="summary">'),
    );
    assert.match(verdict, /<td class="text">A<\/td><td class="text (pass|fail)">/);
    assert.match(verdict, /<td class="text">B<\/td><td class="text (pass|fail)">/);
    assert.match(
      verdict,
      /<li>[AB] · agg-tp-1-dp-2 \/ vllm_decode_engine_core: <strong>80\.04 s<\/strong><\/li>/,
    );
  });

  it("names both runs in the terminal table and Markdown, and not with one run", async () => {
    const table = await runCli([A, B], { tty: true });
    assert.match(table.stdout, /│ Run │\s+Failure/);
    assert.match(table.stdout, /│\s+A\s+│\s+frontend\s+│/);
    assert.match(table.stdout, /│\s+B\s+│\s+frontend\s+│/);
    const md = await runCli([A, B, "--format", "markdown", "--extended"]);
    assert.match(md.stdout, /^\| Run \| Failure \| Startup \|/m);
    assert.match(md.stdout, /^\| Run \| Failure \| Success % Before \|/m);
    const one = await runCli([A], { tty: true });
    assert.doesNotMatch(one.stdout, /│ Run │/);
  });
});

describe("ftparse check A B", () => {
  it("names the run on every failing line and gives a verdict per run", async () => {
    const junit = join(dir, "junit.xml");
    const r = await runCli(["check", A, B, "--rule", "recovery_s <= 10", "--junit", junit]);
    assert.equal(r.code, 1);
    const failing = r.stderr.split("\n").filter((l) => /needs <= 10$/.test(l));
    assert.ok(failing.length > 0);
    for (const l of failing) assert.match(l, /^ {2}[AB] · /);
    assert.match(r.stderr, /^ {2}A: FAIL \(5 of 8 scenarios\)$/m);
    assert.match(r.stderr, /^ {2}B: FAIL \(5 of 8 scenarios\)$/m);
    assert.match(r.stdout, /│ Run │/);
    const xml = readFileSync(junit, "utf8");
    assert.deepEqual(await junitSchemaErrors(xml), []);
    assertCountsConsistent(xml);
    assert.match(xml, /<testsuite name="A\/agg-tp-1-dp-1" /);
    assert.match(xml, /<testsuite name="B\/agg-tp-1-dp-1" /);
    assert.match(xml, /classname="B\.disagg-tp-1-dp-1\.prefill_worker"/);
  });

  it("says PASS per run when every scenario holds", async () => {
    const r = await runCli(["check", A, B, "--rule", "startup_s <= 1000", "--format", "json"]);
    assert.equal(r.code, 0);
    const json = JSON.parse(r.stdout) as { runs: { run: string; ok: boolean; scenarios: number }[] };
    assert.deepEqual(
      json.runs.map((v) => [v.run, v.ok, v.scenarios]),
      [
        ["A", true, 8],
        ["B", true, 8],
      ],
    );
    assert.match(r.stderr, /^ {2}A: PASS \(8 scenarios\)$/m);
  });
});

describe("--group, --failure, --sort", () => {
  it("keeps the matching rows and orders each group by the key", async () => {
    const all = await runJson([A]);
    const { code, rows } = await runJson([
      A,
      "--group",
      "agg-*",
      "--failure",
      "frontend",
      "--failure",
      "decode*",
      "--sort",
      "recovery_s:desc",
    ]);
    assert.equal(code, 0);
    const want = all.rows.filter(
      (r) => String(r.test_group).startsWith("agg-") && /^(frontend|decode.*)$/.test(String(r.failure)),
    );
    assert.equal(rows.length, want.length);
    assert.ok(rows.length >= 3);
    for (const group of new Set(rows.map((r) => r.test_group))) {
      const rec = rows.filter((r) => r.test_group === group).map((r) => Number(r.recovery_s));
      assert.deepEqual(
        rec,
        [...rec].sort((a, b) => b - a),
        `${String(group)} sorted by recovery_s desc`,
      );
    }
  });

  it("checks only the selected scenarios, and refuses a selection that matches nothing", async () => {
    const r = await runCli(["check", A, "--failure", "frontend", "--rule", "recovery_s <= 10"]);
    assert.equal(r.code, 0);
    assert.match(r.stderr, /PASS: all 3 checks passed on 3 scenarios/);
    const none = await runCli([A, "--group", "no-such-*"]);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /no scenario matches --group\/--failure/);
    assert.equal((await runCli([A, "--sort", "bogus"])).code, 2);
  });
});

describe("--aggregate", () => {
  it("gives one row per test group × failure with runs and mean/min/max/sd of every metric", async () => {
    const single = await runJson([A]);
    const { code, rows } = await runJson([A, B, "--aggregate"]);
    assert.equal(code, 0);
    assert.equal(rows.length, single.rows.length);
    assert.equal(rows.length, 8);
    for (const r of rows) {
      assert.equal(r.runs, 2);
      assert.equal(r.scenarios, 2);
      const one = single.rows.find((x) => x.test_group === r.test_group && x.failure === r.failure)!;
      for (const k of ["recovery_s", "startup_s", "success_after", "p90_after_s", "ttfs_s"]) {
        assert.equal(r[`${k}_mean`], one[k], `${k}_mean`);
        assert.equal(r[`${k}_min`], one[k]);
        assert.equal(r[`${k}_max`], one[k]);
        assert.equal(r[`${k}_sd`], one[k] === null ? null : 0, `${k}_sd`);
      }
    }
    const table = await runCli([A, B, "--aggregate", "--format", "table"]);
    assert.match(table.stdout, /3\.64 ± 0\.00/);
    assert.match(table.stdout, /3\.64–3\.64/);
  });

  it("aggregates the last N runs of a --db file, sd null where one run has the pair", async () => {
    const C = join(dir, "C");
    cpSync(legacy, C, { recursive: true });
    rmSync(join(C, "test_fault_scenario[agg-tp-1-dp-1-frontend]"), { recursive: true });
    const db = join(dir, "h.duckdb");
    const ingest = await runCli(["ingest", A, C, "--db", db, "--format", "json"]);
    assert.equal(ingest.code, 0);
    const { code, rows } = await runJson(["--db", db, "--last", "2", "--aggregate"]);
    assert.equal(code, 0);
    const frontend = rows.find((r) => r.test_group === "agg-tp-1-dp-1" && r.failure === "frontend")!;
    assert.equal(frontend.runs, 1);
    assert.equal(frontend.recovery_s_sd, null);
    const other = rows.find((r) => r.test_group === "agg-tp-1-dp-2" && r.failure === "frontend")!;
    assert.equal(other.runs, 2);
    const last = await runJson(["--db", db, "--last", "1"]);
    assert.equal(last.rows.length, 7);
    assert.deepEqual([...new Set(last.rows.map((r) => r.run))], ["C"]);
  });
});

describe("trend --chart FILE", () => {
  it("writes what the extension says, with the year on the dates and the legend in full", async () => {
    const db = join(dir, "h.duckdb"); // A and C, stored by the --aggregate test above
    const out = (ext: string) => join(dir, `trend.${ext}`);
    for (const ext of ["vl.json", "svg", "png", "html"]) {
      const r = await runCli([
        "trend",
        "--db",
        db,
        "--metric",
        "recovery_s",
        "--chart",
        out(ext),
        "--format",
        "json",
      ]);
      assert.equal(r.code, 0, ext);
    }
    const spec = JSON.parse(readFileSync(out("vl.json"), "utf8")) as {
      encoding: { x: { axis: { format: string } }; color: { legend: { labelLimit: number } } };
    };
    assert.match(spec.encoding.x.axis.format, /%Y/);
    assert.equal(spec.encoding.color.legend.labelLimit, 0);
    const svg = readFileSync(out("svg"), "utf8");
    assert.match(svg, /^<svg /);
    assert.match(svg, /agg-tp-1-dp-2 \/ vllm_decode_engine_core/, "the longest legend entry, whole");
    assert.match(svg, /20\d\d-\d\d-\d\d/, "dates with the year");
    assert.deepEqual([...readFileSync(out("png")).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
    assert.match(readFileSync(out("html"), "utf8"), /^<!doctype html>[\s\S]*<svg /);
    const bad = await runCli(["trend", "--db", db, "--metric", "recovery_s", "--chart", out("txt")]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /unknown file type/);
  });
});

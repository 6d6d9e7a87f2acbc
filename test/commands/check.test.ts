/**
 * `ftparse check` end to end on the sample results (fixtures/samples/legacy): exit codes, the verdict,
 * JUnit XML, the step summary and $GITHUB_STEP_SUMMARY, rules files, scoping and errors.
 * Sample recoveries: 3.64, 76.11 (agg dp-1); 4.02, 80.04 (agg dp-2); 3.46, 65.82, 76.92 (disagg dp-1);
 * the agg-tp-1-dp-1 baseline has one failed request.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fixture, repoRoot, runCli } from "../helpers.js";
import { assertCountsConsistent, junitSchemaErrors } from "../junitSchema.js";

const samples = fixture("samples", "legacy");
const rulesYaml = fixture("check", "rules.yaml");
const tmp = () => mkdtemp(join(tmpdir(), "ftparse-check-"));

interface CheckJson {
  ok: boolean;
  counts: Record<string, number>;
  sources: string[];
  rules: { name: string; expr: string; from: string; scenarios: number }[];
  results: { test_group: string; failure: string; rule: string; value: number | null; status: string }[];
}

async function checkJson(args: string[]) {
  const r = await runCli(["check", samples, ...args, "--format", "json", "--no-step-summary"]);
  return { ...r, json: r.stdout ? (JSON.parse(r.stdout) as CheckJson) : undefined };
}

const status = (j: CheckJson, group: string, failure: string, rule: string) =>
  j.results.find((r) => r.test_group === group && r.failure === failure && r.rule === rule)?.status;

describe("ftparse check PATH (built-in set dynamo)", () => {
  it("fails the samples on the dp-2 recovery over 60 s and the baseline failure, and says why", async () => {
    const { code, json, stderr } = await checkJson([]);
    assert.equal(code, 1);
    assert.deepEqual(json!.sources, ['built-in set "dynamo"']);
    assert.equal(status(json!, "agg-tp-1-dp-2", "vllm_decode_engine_core", "redundant-recovery"), "breach");
    assert.equal(status(json!, "agg-tp-1-dp-2", "frontend", "redundant-recovery"), "pass");
    assert.equal(status(json!, "agg-tp-1-dp-1", "decode_worker_pod", "single-worker-recovery"), "pass");
    assert.equal(status(json!, "agg-tp-1-dp-1", "none", "baseline-no-failures"), "breach");
    assert.equal(status(json!, "agg-tp-1-dp-1", "none", "baseline-successes"), "pass");
    assert.equal(status(json!, "disagg-tp-1-dp-1", "prefill_worker", "recovered"), "pass");
    // the dp-1 groups are never held to the redundant bounds, nor dp-2 to the single-worker ones
    assert.equal(status(json!, "agg-tp-1-dp-1", "decode_worker_pod", "redundant-recovery"), undefined);
    assert.equal(status(json!, "agg-tp-1-dp-2", "frontend", "single-worker-recovery"), undefined);
    assert.match(stderr, /^ftparse check: FAIL: \d+ of \d+ checks failed/m);
    assert.match(
      stderr,
      /^ {2}agg-tp-1-dp-2 \/ vllm_decode_engine_core: redundant-recovery: recovery_s is 80\.04 s, needs <= 60$/m,
    );
    assert.match(
      stderr,
      /^ {2}agg-tp-1-dp-1 \/ none: baseline-no-failures: failed_before is 1, needs == 0$/m,
    );
  });
});

describe("ftparse check PATH --rule/--rules/--rule-set", () => {
  it("exits 0 when every rule holds (a rules file's default set)", async () => {
    const { code, json, stderr } = await checkJson(["--rules", rulesYaml]);
    assert.equal(code, 0, stderr);
    assert.equal(json!.ok, true);
    assert.deepEqual(
      { ...json!.counts },
      {
        scenarios: 8,
        rules: 5,
        checks: 23,
        passed: 22,
        breached: 0,
        missing: 0,
        skipped: 1,
        unreadable: 0,
        failed: 0,
      },
    );
    assert.match(
      stderr,
      /^ftparse check: PASS: all 23 checks passed on 8 scenarios \(1 N\/A accepted by allow-missing\)$/m,
    );
  });

  it("exits 1 on a breach and names the measured value and the bound (a named set)", async () => {
    const { code, json, stderr } = await checkJson(["--rules", rulesYaml, "--rule-set", "strict"]);
    assert.equal(code, 1);
    const breached = json!.results
      .filter((r) => r.status === "breach")
      .map((r) => [r.test_group, r.failure, r.value]);
    assert.deepEqual(breached, [
      ["agg-tp-1-dp-1", "decode_worker_pod", 76.111215],
      ["agg-tp-1-dp-2", "vllm_decode_engine_core", 80.040262],
      ["disagg-tp-1-dp-1", "decode_worker", 65.816534],
      ["disagg-tp-1-dp-1", "prefill_worker", 76.9202],
    ]);
    assert.match(
      stderr,
      /disagg-tp-1-dp-1 \/ decode_worker: fast-recovery: recovery_s is 65\.82 s, needs <= 60/,
    );
  });

  it("fails a rule on a scenario whose metric is N/A, unless the rule says allow-missing", async () => {
    const strict = await checkJson(["--rule", "latency_after_s<=5"]);
    assert.equal(strict.code, 1);
    assert.equal(status(strict.json!, "agg-tp-1-dp-1", "none", "latency_after_s <= 5"), "missing");
    assert.equal(strict.json!.counts.missing, 1);
    assert.match(
      strict.stderr,
      /agg-tp-1-dp-1 \/ none: latency_after_s <= 5: latency_after_s has no value \(N\/A\), needs <= 5/,
    );
    assert.match(
      strict.stderr,
      /^hint: a rule fails where its metric has no value \(N\/A\); add allow-missing/m,
    );

    const lenient = await checkJson(["--rule", "latency_after_s<=5 allow-missing"]);
    assert.equal(lenient.code, 0);
    assert.equal(
      status(lenient.json!, "agg-tp-1-dp-1", "none", "latency_after_s <= 5 allow-missing"),
      "skipped",
    );
  });

  it("applies a scoped rule only to the scenarios it selects", async () => {
    const { code, json } = await checkJson(["--rule", "recovery_s<=60 group=agg-* failure!=none,*_pod"]);
    assert.equal(code, 1);
    assert.deepEqual(
      json!.results.map((r) => [r.test_group, r.failure, r.status]),
      [
        ["agg-tp-1-dp-1", "frontend", "pass"],
        ["agg-tp-1-dp-2", "frontend", "pass"],
        ["agg-tp-1-dp-2", "vllm_decode_engine_core", "breach"],
      ],
    );
    const ok = await checkJson([
      "--rule",
      "recovery_s<=5 group=*-dp-1 failure=frontend",
      "--rule",
      "failed_before<=1",
    ]);
    assert.equal(ok.code, 0);
    assert.equal(ok.json!.counts.checks, 2 + 8);
  });

  it("warns about a rule that matches no scenario", async () => {
    const { code, stderr } = await checkJson([
      "--rule",
      "recovery_s<=60 group=nope-*",
      "--rule",
      "startup_s<200",
    ]);
    assert.equal(code, 0);
    assert.match(stderr, /warning: rule "recovery_s <= 60 group=nope-\*" \(--rule #1\) matched no scenario/);
  });
});

describe("ftparse check: usage errors and unusable input exit 2", () => {
  it("rejects a rule on violations_* without --sla up front, and takes it with --sla", async () => {
    const r = await runCli(["check", samples, "--rule", "violations_after <= 1000", "--no-step-summary"]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, /^ftparse: rule "violations_after <= 1000" \(--rule #1\) needs --sla/m);
    const withSla = await checkJson(["--rule", "violations_after <= 1000 failure!=none", "--sla", "5"]);
    assert.equal(withSla.code, 0, withSla.stderr);
    assert.ok(withSla.json!.results.every((x) => x.status === "pass"));
  });

  it("rejects a malformed rule before reading anything, naming the rule and the column", async () => {
    const { code, stdout, stderr } = await runCli([
      "check",
      samples,
      "--rule",
      "recovery_s <= 60",
      "--rule",
      "recovery_s =< 60",
    ]);
    assert.equal(code, 2);
    assert.equal(stdout, "");
    assert.match(
      stderr,
      /^ftparse: bad rule "recovery_s =< 60" \(--rule #2\): expected an operator: did you mean <=\?$/m,
    );
    assert.match(stderr, /^ {2}recovery_s =< 60\n {13}\^ column 12$/m);
    assert.doesNotMatch(stderr, /warning:/, "nothing was read");
  });

  it("rejects a bad rules file with file and line", async () => {
    const { code, stderr } = await runCli(["check", samples, "--rules", fixture("check", "bad-rule.yaml")]);
    assert.equal(code, 2);
    assert.match(
      stderr,
      /^ftparse: .*bad-rule\.yaml:5: bad rule "recovery <= 60" .*unknown metric "recovery" \(did you mean recovery_s\?\)/m,
    );
  });

  it("rejects an unknown rule set, with the available ones as a hint", async () => {
    const { code, stderr } = await runCli(["check", samples, "--rule-set", "nightly"]);
    assert.equal(code, 2);
    assert.match(stderr, /unknown rule set "nightly"\nhint: available sets: dynamo \(built-in\)/);
  });

  it("exits 2 when no rule applies to any scenario", async () => {
    const { code, stderr } = await runCli(["check", samples, "--rule", "recovery_s<=60 layout=events"]);
    assert.equal(code, 2);
    assert.match(stderr, /none of the 1 rule applies to any of the 8 scenarios: nothing was checked/);
  });

  it("exits 2 under --strict when input had to be skipped, after writing the reports", async () => {
    const junit = join(await tmp(), "junit.xml");
    const r = await runCli([
      "check",
      samples,
      "--rules",
      rulesYaml,
      "--strict",
      "--no-step-summary",
      "--junit",
      junit,
    ]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /ftparse check: PASS/);
    assert.match(r.stderr, /--strict: 1 input issue found/);
    assert.match(await readFile(junit, "utf8"), /<testsuites /);
  });

  it("exits 2 without usable input", async () => {
    const empty = await tmp();
    assert.equal((await runCli(["check", empty])).code, 2);
    const missing = await runCli(["check", join(empty, "nope")]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no such file or directory/);
    assert.equal((await runCli(["check"])).code, 2);
  });
});

describe("ftparse check --junit/--summary/$GITHUB_STEP_SUMMARY/--format", () => {
  it("writes JUnit XML that validates against the JUnit XSD", async () => {
    const dir = await tmp();
    const junit = join(dir, "reports", "junit.xml");
    const { code } = await runCli([
      "check",
      samples,
      "--rules",
      rulesYaml,
      "--rule-set",
      "strict",
      "--junit",
      junit,
    ]);
    assert.equal(code, 1);
    const xml = await readFile(junit, "utf8");
    assert.deepEqual(await junitSchemaErrors(xml), []);
    assertCountsConsistent(xml);
    assert.match(
      xml,
      /<testsuites name="ftparse check" tests="7" failures="4" errors="0" skipped="0" time="0">/,
    );
    assert.match(
      xml,
      /<testsuite name="disagg-tp-1-dp-1" tests="3" failures="2" errors="0" skipped="0" time="0" timestamp="2026-01-01T00:00:00">/,
    );
    assert.match(
      xml,
      /<testcase name="prefill_worker: fast-recovery" classname="disagg-tp-1-dp-1.prefill_worker" time="0">\n {6}<failure message="recovery_s is 76\.92 s, needs &lt;= 60" type="breach">/,
    );
  });

  it("writes the Markdown summary to --summary and appends it to $GITHUB_STEP_SUMMARY", async () => {
    const dir = await tmp();
    const github = join(dir, "step_summary.md");
    await writeFile(github, "previous step\n");
    const own = join(dir, "summary.md");
    const saved = process.env.GITHUB_STEP_SUMMARY;
    process.env.GITHUB_STEP_SUMMARY = github;
    try {
      const r = await runCli([
        "check",
        samples,
        "--rules",
        rulesYaml,
        "--rule-set",
        "strict",
        "--summary",
        own,
      ]);
      assert.equal(r.code, 1);
      const md = await readFile(own, "utf8");
      assert.ok(md.startsWith("## ❌ ftparse check: 4 of 7 checks failed\n"));
      assert.ok(md.indexOf("### Breached rules") < md.indexOf("### Test Group: agg-tp-1-dp-1"));
      assert.equal(await readFile(github, "utf8"), `previous step\n${md}`);

      const off = await runCli(["check", samples, "--rules", rulesYaml, "--no-step-summary"]);
      assert.equal(off.code, 0);
      assert.equal(
        await readFile(github, "utf8"),
        `previous step\n${md}`,
        "--no-step-summary leaves it alone",
      );
    } finally {
      if (saved === undefined) delete process.env.GITHUB_STEP_SUMMARY;
      else process.env.GITHUB_STEP_SUMMARY = saved;
    }
  });

  it("prints a per-scenario table (even when piped), Markdown or CSV on request", async () => {
    const args = ["check", samples, "--rules", rulesYaml, "--rule-set", "strict", "--no-step-summary"];
    const table = await runCli(args); // runCli's stdout is not a terminal
    assert.match(table.stdout, /Test Group: disagg-tp-1-dp-1/);
    assert.match(
      table.stdout,
      /│\s+prefill_worker\s+│\s+✗ FAIL\s+│ fast-recovery: recovery_s is 76\.92 s, needs <= 60\s+│/,
    );
    assert.match(table.stdout, /│\s+frontend\s+│\s+✓ PASS\s+│ 1 check passed\s+│/);
    const md = await runCli([...args, "--format", "markdown"]);
    assert.ok(md.stdout.startsWith("## ❌ ftparse check: 4 of 7 checks failed"));
    const csv = await runCli([...args, "--format", "csv"]);
    const lines = csv.stdout.trimEnd().split("\r\n");
    assert.equal(
      lines[0],
      "test_group,failure,layout,scenario_dir,rule,expr,metric,op,bound,value,status,message,run,scenario_id",
    );
    assert.equal(lines.length, 1 + 7);
  });

  it("documents itself in --help", async () => {
    const { code, stdout } = await runCli(["check", "--help"]);
    assert.equal(code, 0);
    assert.match(stdout, /--rule <expr>/);
    assert.match(stdout, /Exit codes: 0 every rule holds · 1 a rule is breached/);
  });
});

describe("ftparse check as a process (exit codes)", () => {
  const bin = join(repoRoot, "dist", "src", "bin.js");
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [bin, "check", samples, "--no-step-summary", ...args], { encoding: "utf8" });

  it("exits 0, 1 and 2", () => {
    assert.equal(run("--rules", rulesYaml).status, 0);
    assert.equal(run("--rule", "recovery_s<=60").status, 1);
    assert.equal(run("--rule", "recovery_s<=sixty").status, 2);
  });
});

describe("ftparse check PATH --db FILE", () => {
  it("keeps the checked run in the history, once, and still gives the verdict", async () => {
    const dir = await mkdtemp(join(tmpdir(), "ftparse-check-db-"));
    const db = join(dir, "history.duckdb");
    const args = [
      "check",
      fixture("samples", "legacy"),
      "--rule",
      "recovery_s<=90 failure!=none",
      "--db",
      db,
      "--label",
      "ci=42",
      "--format",
      "json",
    ];
    const first = await runCli(args);
    assert.equal(first.code, 0, first.stderr);
    const again = await runCli(args);
    assert.equal(again.code, 0);
    assert.match(again.stderr, /unchanged since run 1/);
    const runs = JSON.parse((await runCli(["runs", "--db", db, "--format", "json"])).stdout) as {
      run_id: number;
      labels: Record<string, string>;
    }[];
    assert.deepEqual(
      runs.map((r) => [r.run_id, r.labels]),
      [[1, { ci: "42" }]],
    );
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { evaluateRules, holds, inScope, type SummaryObject } from "../../src/check/evaluate.js";
import { builtinRuleSets, DEFAULT_RULE_SET } from "../../src/check/ruleSets.js";
import { parseRule } from "../../src/check/rules.js";

const rule = (text: string) => parseRule(text, { label: "test" });

/** A hand-made summary row (keys: docs/contract.md#json-keys); extended metrics are given where a test needs them. */
function row(group: string, failure: string, values: Record<string, number | null> = {}): SummaryObject {
  return {
    test_group: group,
    failure,
    layout: "legacy",
    scenario_dir: `/r/test_fault_scenario[${group}-${failure}]`,
    startup_s: 165,
    success_before: 230,
    failed_before: 0,
    success_after: 700,
    failed_after: 20,
    latency_before_s: 1.2,
    latency_after_s: 1.3,
    recovery_s: 30,
    violations_before: null,
    violations_after: null,
    ...values,
  };
}

describe("evaluateRules(rules, rows)", () => {
  it("passes, breaches, and fails a missing value unless the rule allows it", () => {
    const rows = [
      row("g", "a", { recovery_s: 30 }),
      row("g", "b", { recovery_s: 90 }),
      row("g", "c", { recovery_s: null }),
    ];
    const strict = evaluateRules([rule("recovery_s<=60")], rows);
    assert.deepEqual(
      strict.results.map((r) => [r.row.failure, r.value, r.status]),
      [
        ["a", 30, "pass"],
        ["b", 90, "breach"],
        ["c", null, "missing"],
      ],
    );
    assert.equal(strict.ok, false);
    assert.deepEqual(
      { ...strict.counts },
      {
        scenarios: 3,
        rules: 1,
        checks: 3,
        passed: 1,
        breached: 1,
        missing: 1,
        skipped: 0,
        unreadable: 0,
        failed: 2,
      },
    );

    const lenient = evaluateRules([rule("recovery_s<=60 allow-missing")], [rows[0]!, rows[2]!]);
    assert.deepEqual(
      lenient.results.map((r) => r.status),
      ["pass", "skipped"],
    );
    assert.equal(lenient.ok, true);
  });

  it("treats a metric the summary does not carry yet as missing", () => {
    const report = evaluateRules([rule("p99_after_s<=5")], [row("g", "a")]);
    assert.equal(report.results[0]!.status, "missing");
    const withIt = evaluateRules([rule("p99_after_s<=5")], [row("g", "a", { p99_after_s: 4.2 })]);
    assert.equal(withIt.results[0]!.status, "pass");
  });

  it("applies a rule only to the scenarios its scopes select", () => {
    const rows = [
      row("agg-tp-1-dp-1", "none"),
      row("agg-tp-1-dp-2", "frontend"),
      row("agg-tp-1-dp-10", "decode_worker"),
      row("disagg-tp-1-dp-1", "frontend"),
    ];
    const names = (text: string) =>
      rows.filter((r) => inScope(rule(text), r)).map((r) => `${r.test_group}/${r.failure}`);
    assert.deepEqual(names("recovery_s<1 group=agg-*"), [
      "agg-tp-1-dp-1/none",
      "agg-tp-1-dp-2/frontend",
      "agg-tp-1-dp-10/decode_worker",
    ]);
    assert.deepEqual(names("recovery_s<1 group=*-dp-1"), ["agg-tp-1-dp-1/none", "disagg-tp-1-dp-1/frontend"]);
    assert.deepEqual(names("recovery_s<1 group=*-dp-?"), [
      "agg-tp-1-dp-1/none",
      "agg-tp-1-dp-2/frontend",
      "disagg-tp-1-dp-1/frontend",
    ]);
    assert.deepEqual(names("recovery_s<1 failure!=none group=agg-*"), [
      "agg-tp-1-dp-2/frontend",
      "agg-tp-1-dp-10/decode_worker",
    ]);
    assert.deepEqual(names("recovery_s<1 failure=frontend,decode_*"), [
      "agg-tp-1-dp-2/frontend",
      "agg-tp-1-dp-10/decode_worker",
      "disagg-tp-1-dp-1/frontend",
    ]);
    assert.deepEqual(names("recovery_s<1 group=*-dp-[!1]"), ["agg-tp-1-dp-2/frontend"]);
    assert.deepEqual(names("recovery_s<1 layout=aiperf"), []);
    // the glob matches the whole name, and regex characters in it are literal
    assert.deepEqual(names("recovery_s<1 group=agg"), []);
    assert.deepEqual(names("recovery_s<1 group=agg-tp-1-dp-1."), []);
  });

  it("lists the rules that matched no scenario", () => {
    const r1 = rule("recovery_s<=60 group=nope-*");
    const r2 = rule("recovery_s<=60");
    const report = evaluateRules([r1, r2], [row("g", "a")]);
    assert.deepEqual(report.unmatched, [r1]);
    assert.equal(report.counts.checks, 1);
  });

  it("compares with a relative tolerance so that computed ratios meet their bound", () => {
    assert.equal(holds(27 / 30, ">=", 0.9), true);
    assert.equal(holds(0.1 + 0.2, "==", 0.3), true);
    assert.equal(holds(0.1 + 0.2, "!=", 0.3), false);
    assert.equal(holds(60, "<", 60), false);
    assert.equal(holds(60, "<=", 60), true);
    assert.equal(holds(60.001, "<=", 60), false);
    assert.equal(holds(59.999, "<", 60), true);
    assert.equal(holds(0, "==", 0), true);
    assert.equal(holds(1, ">", 0), true);
  });
});

describe(`the built-in rule set "${DEFAULT_RULE_SET}" (Dynamo's checkers)`, async () => {
  const set = (await builtinRuleSets()).find((s) => s.name === DEFAULT_RULE_SET)!;
  const verdicts = (r: SummaryObject) =>
    Object.fromEntries(evaluateRules(set.rules, [r]).results.map((x) => [x.rule.name, x.status]));

  it("asks the baseline for 100 % success and no failure", () => {
    assert.deepEqual(
      verdicts(row("agg-tp-1-dp-1", "none", { success_after: null, failed_after: null, recovery_s: null })),
      {
        "baseline-no-failures": "pass",
        "baseline-successes": "pass",
      },
    );
    assert.equal(
      verdicts(row("agg-tp-1-dp-2", "none", { failed_before: 1 }))["baseline-no-failures"],
      "breach",
    );
    assert.equal(
      verdicts(row("agg-tp-1-dp-2", "none", { success_before: 0 }))["baseline-successes"],
      "breach",
    );
  });

  it("holds groups with redundancy (dp ≥ 2) to ≥ 90 % success after and ≤ 60 s recovery", () => {
    for (const group of ["agg-tp-1-dp-2", "vllm-disagg-prefill-tp-1-decode-tp-1-dp-4", "agg-tp-1-dp-12"]) {
      assert.deepEqual(
        verdicts(row(group, "frontend", { success_rate_after: 0.9, recovery_s: 60 })),
        {
          recovered: "pass",
          "redundant-success-after": "pass",
          "redundant-recovery": "pass",
        },
        group,
      );
      const bad = verdicts(row(group, "frontend", { success_rate_after: 0.89, recovery_s: 61 }));
      assert.equal(bad["redundant-success-after"], "breach");
      assert.equal(bad["redundant-recovery"], "breach");
    }
  });

  it("holds single-worker groups (dp-1, or no dp in the name) to ≥ 10 % and ≤ 180 s", () => {
    for (const group of ["agg-tp-1-dp-1", "disagg-prefill-tp-2-decode-tp-2-dp-1", "custom-group"]) {
      assert.deepEqual(
        verdicts(row(group, "decode_worker", { success_rate_after: 0.1, recovery_s: 180 })),
        {
          recovered: "pass",
          "single-worker-success-after": "pass",
          "single-worker-recovery": "pass",
        },
        group,
      );
      const bad = verdicts(row(group, "decode_worker", { success_rate_after: 0.09, recovery_s: 181 }));
      assert.equal(bad["single-worker-success-after"], "breach");
      assert.equal(bad["single-worker-recovery"], "breach");
    }
  });

  it("asks every fault scenario for a success after the fault, and accepts an unmeasured recovery like Dynamo", () => {
    const v = verdicts(
      row("agg-tp-1-dp-1", "frontend", { success_after: 0, success_rate_after: 0, recovery_s: null }),
    );
    assert.equal(v.recovered, "breach");
    assert.equal(v["single-worker-success-after"], "breach");
    assert.equal(v["single-worker-recovery"], "skipped");
    // a success ratio that cannot be computed fails: the gate must not pass on missing numbers
    assert.equal(verdicts(row("agg-tp-1-dp-2", "frontend"))["redundant-success-after"], "missing");
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { evaluateRules, type SummaryObject } from "../../src/check/evaluate.js";
import { parseRule } from "../../src/check/rules.js";
import { renderStepSummary, STEP_SUMMARY_BUDGET } from "../../src/render/stepSummary.js";

function row(group: string, failure: string, recovery: number | null): SummaryObject {
  return {
    test_group: group,
    failure,
    layout: "legacy",
    scenario_dir: `/r/${group}-${failure}`,
    startup_s: 165,
    success_before: 230,
    failed_before: 0,
    success_after: 700,
    failed_after: 20,
    latency_before_s: 1.2,
    latency_after_s: 1.3,
    recovery_s: recovery,
    violations_before: null,
    violations_after: null,
  };
}

const rules = [
  parseRule("recovery_s<=60", { label: "--rule #1" }),
  parseRule("failed_before==0", { label: "--rule #2" }),
];

describe("renderStepSummary(report)", () => {
  it("puts the verdict, then the breached rules, then one table per group with its checks", () => {
    const report = evaluateRules(rules, [
      row("agg-tp-1-dp-1", "frontend", 3.6),
      row("agg-tp-1-dp-1", "decode_worker", 76.11),
      row("agg-tp-1-dp-2", "none", null),
    ]);
    const md = renderStepSummary(report, { sources: ["2 --rule"], sla: false });
    const at = (s: string) => {
      const i = md.indexOf(s);
      assert.ok(i >= 0, `missing ${s}\n${md}`);
      return i;
    };
    assert.ok(md.startsWith("## ❌ ftparse check: 2 of 6 checks failed\n"));
    assert.ok(at("### Breached rules") < at("### Test Group: agg-tp-1-dp-1"));
    assert.ok(at("### Test Group: agg-tp-1-dp-1") < at("### Test Group: agg-tp-1-dp-2"));
    assert.ok(at("### Test Group: agg-tp-1-dp-2") < at("<details><summary>All 6 checks</summary>"));
    assert.match(md, /\| agg-tp-1-dp-1 \| decode_worker \| `recovery_s <= 60` \| 76\.11 s \| &lt;= 60 \|/);
    assert.match(md, /\| agg-tp-1-dp-2 \| none \| `recovery_s <= 60` \| N\/A \(missing\) \| &lt;= 60 \|/);
    assert.match(
      md,
      /\| Failure \| Startup \| Success Before \| Failed Before \| Success After \| Failed After \| Latency Before \| Latency After \| Recovery \| Checks \|/,
    );
    assert.match(
      md,
      /\| frontend \| 165\.00 \| 230 \| 0 \| 700 \| 20 \| 1\.20 \| 1\.30 \| 3\.60 \| ✅ 2\/2 \|/,
    );
    assert.match(md, /\| decode_worker \| .* \| 76\.11 \| ❌ 1 of 2 failed \|/);
  });

  it("says all passed when they did, and has no breached section", () => {
    const md = renderStepSummary(evaluateRules(rules, [row("g", "frontend", 3)]), {
      sources: ["x"],
      sla: false,
    });
    assert.ok(md.startsWith("## ✅ ftparse check: all 2 checks passed\n"));
    assert.ok(!md.includes("Breached rules"));
  });

  it("keeps table cells intact whatever the names hold", () => {
    const md = renderStepSummary(evaluateRules(rules, [row("a|b", "<script>", 99)]), {
      sources: ["x"],
      sla: false,
    });
    assert.match(md, /\| a\\\|b \| &lt;script> \|/);
    assert.ok(!md.includes("<script>"));
  });

  it("stays under GitHub's 1 MiB limit on a huge run, breached rules first, and says what it left out", () => {
    const many: SummaryObject[] = [];
    for (let g = 0; g < 2000; g++) {
      for (const f of ["frontend", "decode_worker", "prefill_worker", "decode_worker_pod", "none"]) {
        many.push(row(`group-with-a-rather-long-name-${g}-dp-1`, f, 61 + g));
      }
    }
    const md = renderStepSummary(evaluateRules(rules, many), { sources: ["x"], sla: false });
    assert.ok(Buffer.byteLength(md) < 1024 * 1024, `${Buffer.byteLength(md)} bytes`);
    assert.ok(Buffer.byteLength(md) <= STEP_SUMMARY_BUDGET);
    assert.ok(
      md.indexOf("### Breached rules") < md.indexOf("### Test Group: group-with-a-rather-long-name-0-dp-1"),
    );
    assert.match(md, /Some sections were left out to stay under GitHub's step-summary size limit/);
    assert.match(md, /_… \d+ more rows left out/);
  });

  it("cuts a section it cannot finish with a count of the rows left out", () => {
    const report = evaluateRules(
      rules,
      Array.from({ length: 50 }, (_, i) => row("g", `f${i}`, 3)),
    );
    const md = renderStepSummary(report, { sources: ["x"], sla: false, budget: 4000 });
    assert.ok(Buffer.byteLength(md) <= 4000, `${Buffer.byteLength(md)} bytes`);
    assert.match(
      md,
      /_… \d+ more rows left out to stay under GitHub's step-summary size limit; the JUnit report and `--format json` have them all\._/,
    );
    assert.ok(!md.includes("Breached rules"));
    const shown = (md.match(/^\| f\d+ \| 165\.00 \|/gm) ?? []).length;
    assert.ok(shown > 5, md);
    const left = Number(/… (\d+) more rows/.exec(md)![1]);
    assert.equal(shown + left, 50);
  });
});

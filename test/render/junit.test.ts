/**
 * JUnit XML must validate against the shape CI systems read (fixtures/check/junit.xsd, checked with
 * libxml2's XSD validator compiled to WebAssembly) and its counts must add up.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { evaluateRules, type SummaryObject } from "../../src/check/evaluate.js";
import { parseRule } from "../../src/check/rules.js";
import { renderJUnit } from "../../src/render/junit.js";
import { assertCountsConsistent, junitSchemaErrors } from "../junitSchema.js";

function row(group: string, failure: string, values: Record<string, unknown>): SummaryObject {
  return { test_group: group, failure, layout: "legacy", scenario_dir: `/r/${group}-${failure}`, ...values };
}

const rules = [
  parseRule("recovery_s<=60", { label: "--rule #1" }),
  parseRule("success_rate_after>=90% group=agg-*", { label: "--rule #2", name: 'HA "success" <after>' }),
  parseRule("latency_after_s<2 allow-missing", { label: "--rule #3" }),
];
const rows = [
  row("agg-tp-1-dp-2", "frontend", { recovery_s: 4, success_rate_after: 0.95, latency_after_s: 1.2 }),
  row("agg-tp-1-dp-2", "decode_worker", {
    recovery_s: 80.04,
    success_rate_after: null,
    latency_after_s: null,
  }),
  row('odd & <group> "q"\u0001', "none", { recovery_s: null, latency_after_s: 3 }),
];
const report = evaluateRules(rules, rows);
const xml = renderJUnit(report, { timestamp: new Date("2026-01-02T03:04:05.678Z"), sources: ["3 --rule"] });

describe("renderJUnit(report)", () => {
  it("validates against the JUnit XSD and its counts add up", async () => {
    assert.deepEqual(await junitSchemaErrors(xml), []);
    assertCountsConsistent(xml);
  });

  it("has one testsuite per test group and one testcase per scenario × rule", () => {
    assert.match(
      xml,
      /<testsuites name="ftparse check" tests="8" failures="4" errors="0" skipped="1" time="0">/,
    );
    assert.match(
      xml,
      /<testsuite name="agg-tp-1-dp-2" tests="6" failures="2" errors="0" skipped="1" time="0" timestamp="2026-01-02T03:04:05">/,
    );
    assert.equal((xml.match(/<testsuite /g) ?? []).length, 2);
    assert.match(
      xml,
      /<testcase name="frontend: recovery_s &lt;= 60" classname="agg-tp-1-dp-2.frontend" time="0"\/>/,
    );
  });

  it("puts the measured value and the bound into each failure", () => {
    assert.match(
      xml,
      /<failure message="recovery_s is 80.04 s, needs &lt;= 60" type="breach">rule: recovery_s &lt;= 60\nfrom: --rule #1\nscenario: \/r\/agg-tp-1-dp-2-decode_worker\nmeasured: 80.04 \(80.04 s\)\nbound: &lt;= 60<\/failure>/,
    );
    assert.match(
      xml,
      /<failure message="success_rate_after has no value \(N\/A\), needs &gt;= 90%" type="missing">/,
    );
    assert.match(
      xml,
      /<skipped message="latency_after_s has no value \(N\/A\): accepted by allow-missing"\/>/,
    );
  });

  it("escapes names and drops characters XML cannot carry", () => {
    assert.match(xml, /<testsuite name="odd &amp; &lt;group&gt; &quot;q&quot;\uFFFD"/);
    assert.match(xml, /name="decode_worker: HA &quot;success&quot; &lt;after&gt;"/);
    assert.ok(!xml.includes("\u0001"));
  });

  it("the validator rejects what CI systems would reject", async () => {
    // guards the guard: a wrong count type, a testcase without name, a misplaced element
    assert.notDeepEqual(await junitSchemaErrors(xml.replace('tests="6"', 'tests="six"')), []);
    assert.notDeepEqual(
      await junitSchemaErrors(xml.replace('<testcase name="frontend: recovery_s &lt;= 60" ', "<testcase ")),
      [],
    );
    assert.notDeepEqual(await junitSchemaErrors(xml.replace("<properties>", "<testcase/><properties>")), []);
    assert.throws(() => assertCountsConsistent(xml.replace('tests="8"', 'tests="9"')));
  });
});

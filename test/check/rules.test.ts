import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseRule, type Rule } from "../../src/check/rules.js";
import { metricNames } from "../../src/check/metrics.js";
import { ExitCode, FtparseError } from "../../src/errors.js";

const origin = { label: "--rule #1" };
const parse = (text: string): Rule => parseRule(text, origin);

/** Assert that the rule is rejected as a usage error whose message matches, with the caret at `column`. */
function rejects(text: string, message: RegExp, column?: number): void {
  assert.throws(
    () => parse(text),
    (e: unknown) => {
      assert.ok(e instanceof FtparseError, `expected FtparseError, got ${String(e)}`);
      assert.equal(e.exitCode, ExitCode.Usage);
      assert.match(e.message, message);
      assert.ok(e.message.includes(`bad rule "${text.trim()}" (--rule #1)`), e.message);
      if (column !== undefined) {
        assert.match(e.message, new RegExp(`\\n  ${" ".repeat(column - 1)}\\^ column ${column}$`));
      }
      return true;
    },
  );
}

describe("parseRule(text, origin)", () => {
  it("reads metric, operator and bound, with or without spaces", () => {
    for (const text of ["recovery_s<=60", "recovery_s <= 60", "  recovery_s\t<=60  "]) {
      const r = parse(text);
      assert.equal(r.metric, "recovery_s");
      assert.equal(r.op, "<=");
      assert.equal(r.bound, 60);
      assert.equal(r.expr, "recovery_s <= 60");
      assert.equal(r.name, "recovery_s <= 60");
      assert.deepEqual(r.scopes, []);
      assert.equal(r.allowMissing, false);
    }
  });

  it("accepts every operator and signed, decimal and exponent bounds", () => {
    const ops = ["<", "<=", ">", ">=", "==", "!="];
    for (const op of ops) assert.equal(parse(`failed_after${op}3`).op, op);
    assert.equal(parse("latency_after_s<1.5").bound, 1.5);
    assert.equal(parse("latency_after_s<.5").bound, 0.5);
    assert.equal(parse("startup_s<1e3").bound, 1000);
    assert.equal(parse("component_ready_s>-1").bound, -1);
  });

  it("reads scopes (ANDed, comma lists ORed, != negated) and allow-missing", () => {
    const r = parse("success_rate_after>=0.9 group=agg-*,disagg-* failure!=none layout=legacy allow-missing");
    assert.equal(r.allowMissing, true);
    assert.deepEqual(
      r.scopes.map((s) => [s.field, s.negate, s.patterns]),
      [
        ["group", false, ["agg-*", "disagg-*"]],
        ["failure", true, ["none"]],
        ["layout", false, ["legacy"]],
      ],
    );
    assert.equal(
      r.expr,
      "success_rate_after >= 0.9 group=agg-*,disagg-* failure!=none layout=legacy allow-missing",
    );
  });

  it("reads N% on ratio metrics as N/100 and keeps the bound as written", () => {
    const r = parse("success_rate_after>=90%");
    assert.equal(r.bound, 0.9);
    assert.equal(r.boundText, "90%");
  });

  it("accepts every extended metric of docs/contract.md#json-keys before the summary computes it", () => {
    for (const m of [
      "p99_after_s",
      "success_rate_before",
      "ttfs_s",
      "recovered_s",
      "outage_total_s",
      "component_ready_s",
    ]) {
      assert.ok(metricNames.includes(m), m);
      assert.equal(parse(`${m} >= 0`).metric, m);
    }
  });

  it("keeps a given name and where the rule came from", () => {
    const r = parseRule("recovery_s<=60", { label: "set x", name: "fast-recovery", file: "r.yaml", line: 4 });
    assert.equal(r.name, "fast-recovery");
    assert.equal(r.expr, "recovery_s <= 60");
    assert.equal(r.origin.line, 4);
  });

  it("rejects a missing or malformed operator, pointing at it", () => {
    rejects("recovery_s=<60", /did you mean <=\?/, 11);
    rejects("recovery_s=60", /use == to test equality/, 11);
    rejects("recovery_s 60", /expected an operator \(< <= > >= == !=\) after "recovery_s"/, 12);
  });

  it("rejects an unknown metric, suggesting the closest and listing the valid ones", () => {
    rejects(
      "recovery<=60",
      /unknown metric "recovery" \(did you mean recovery_s\?\); metrics are .*success_rate_after/,
      1,
    );
    rejects("xyzzy>1", /unknown metric "xyzzy"; metrics are the summary's JSON keys: startup_s, /);
    rejects("test_group==1", /"test_group" names a scenario, it is not a metric: .*group=/);
    rejects("<= 60", /expected a metric name/, 1);
  });

  it("rejects bad bounds: missing, with a unit, % on a non-ratio, a ratio above 1", () => {
    rejects("recovery_s<=", /expected a number after "<="/, 13);
    rejects("recovery_s<=abc", /expected a number after "<="/, 13);
    rejects("recovery_s<=60s", /unexpected "s" after the number: a bound is a plain number/, 15);
    rejects("latency_after_s<=60%", /"%" only applies to ratio metrics/);
    rejects("success_rate_after>=90", /success_rate_after is a ratio from 0 to 1: write 0\.9 or 90%/);
  });

  it("rejects impossible bounds: shares over 100 %, negative where a metric cannot be, non-finite", () => {
    rejects("success_rate_after >= 200%", /success_rate_after is a share from 0% to 100%, not 200%/, 23);
    rejects("clients_hit_share <= -5%", /is a share from 0% to 100%, not -5%/);
    rejects("success_rate_after >= 150", /a ratio from 0 to 1 \(0% to 100%\), not 150/);
    rejects("recovery_s <= 1e999", /1e999 is not a finite number/, 15);
    rejects("failed_after >= -1", /failed_after is never negative: a bound of -1/);
    rejects("recovery_s > -0.5", /recovery_s is never negative/);
    // the bounds that can be met still parse
    assert.equal(parse("success_rate_after >= 100%").bound, 1);
    assert.equal(parse("recovery_s <= 1e3").bound, 1000);
    assert.equal(parse("component_restart_s >= -30").bound, -30);
  });

  it("rejects unknown, empty and malformed scopes", () => {
    rejects("recovery_s<=60 grp=agg", /unknown scope "grp" \(scopes: group, failure, layout\)/, 16);
    rejects("recovery_s<=60 test_group=agg", /unknown scope "test_group" \(write group=…\)/);
    rejects("recovery_s<=60 group=", /empty pattern in group=/);
    rejects("recovery_s<=60 group=a,,b", /empty pattern/);
    rejects("recovery_s<=60 group=[abc", /unclosed "\[" in pattern "\[abc"/);
    rejects("recovery_s<=60 layout=legazy", /unknown layout "legazy" \(layouts: legacy, aiperf, events\)/);
    rejects(
      "recovery_s<=60 fast",
      /unexpected "fast": expected a scope \(group=GLOB, failure=GLOB, layout=GLOB\) or allow-missing/,
      16,
    );
  });

  it("carries the rules file and line into the error", () => {
    assert.throws(
      () => parseRule("nope<1", { label: "set a of r.yaml, rule 2", file: "r.yaml", line: 7 }),
      (e: unknown) => e instanceof FtparseError && e.file === "r.yaml" && e.line === 7,
    );
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseRuleFile, readRuleFile, selectRules, DEFAULT_RULE_SET } from "../../src/check/ruleSets.js";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ExitCode, FtparseError } from "../../src/errors.js";
import { assertFtparseError, fixture } from "../helpers.js";

async function tempRules(text: string): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), "ftparse-rules-")), "rules.yaml");
  await writeFile(path, text);
  return path;
}

/** Assert that parsing the text fails as a usage error naming the file and this line. */
function rejectsFile(text: string, message: RegExp, line?: number): void {
  assert.throws(
    () => parseRuleFile(text, "r.yaml", "r.yaml"),
    (e: unknown) => {
      assert.ok(e instanceof FtparseError, String(e));
      assert.equal(e.exitCode, ExitCode.Usage);
      assert.match(e.message, message);
      assert.equal(e.file, "r.yaml");
      if (line !== undefined) assert.equal(e.line, line);
      return true;
    },
  );
}

describe("readRuleFile(path)", () => {
  it("reads named sets from YAML, with plain and named rules", async () => {
    const sets = await readRuleFile(fixture("check", "rules.yaml"));
    assert.deepEqual(
      sets.map((s) => [s.name, s.rules.length]),
      [
        ["default", 5],
        ["strict", 1],
      ],
    );
    assert.equal(sets[0]!.description, "holds on every sample scenario");
    assert.equal(sets[0]!.rules[1]!.name, "baseline-at-most-one-failure");
    assert.equal(sets[0]!.rules[1]!.expr, "failed_before <= 1 failure=none");
    assert.equal(sets[0]!.rules[0]!.origin.line, 6);
  });

  it("reads the same shape from JSON", async () => {
    const [set] = await readRuleFile(fixture("check", "rules.json"));
    assert.equal(set!.name, "ci");
    assert.deepEqual(
      set!.rules.map((r) => r.name),
      ["recovery_s <= 90 failure!=none", "no-baseline-failure"],
    );
  });

  it("names the file and line of a bad rule", async () => {
    await assert.rejects(readRuleFile(fixture("check", "bad-rule.yaml")), (e: unknown) => {
      assert.ok(e instanceof FtparseError);
      assert.equal(e.line, 5);
      assert.ok(e.file?.endsWith("bad-rule.yaml"));
      assert.match(e.message, /unknown metric "recovery" \(did you mean recovery_s\?\)/);
      assert.match(e.message, /set "default" of .*bad-rule\.yaml, rule 2/);
      return true;
    });
  });

  it("says so when the file cannot be read", async () => {
    await assertFtparseError(
      () => readRuleFile(fixture("check", "nope.yaml")),
      2,
      /cannot read rules file .*nope\.yaml: ENOENT/,
    );
  });
});

describe("parseRuleFile(text) rejects malformed files with file and line", () => {
  it("rejects text that is not YAML or JSON", () => {
    rejectsFile("rule_sets:\n  a: [\n", /not valid YAML or JSON/);
    rejectsFile('{"rule_sets": {"a": ["x<1"]', /not valid YAML or JSON/);
  });

  it("rejects a wrong shape, naming the key", () => {
    rejectsFile("- recovery_s <= 60\n", /top level must be a mapping with the key rule_sets/, 1);
    rejectsFile("rules:\n  - recovery_s <= 60\n", /unknown top-level key "rules"/, 1);
    rejectsFile("rule_sets: [a]\n", /rule_sets must be a mapping/, 1);
    rejectsFile("rule_sets:\n  a:\n    rule: recovery_s <= 60\n", /unknown key "rule" in rule set "a"/, 3);
    rejectsFile("rule_sets:\n  a:\n    description: x\n", /rule set "a" needs a list of rules/);
    rejectsFile(
      "rule_sets:\n  a:\n    description: [1]\n    rules: []\n",
      /description of "a" must be a string/,
      3,
    );
    rejectsFile("rule_sets:\n  a:\n    - recovery_s: 60\n", /rule 1 of "a" needs rule:/, 3);
    rejectsFile("rule_sets:\n  a:\n    - 60\n", /rule 1 of "a" must be a rule text or \{name, rule\}/, 3);
    rejectsFile(
      "rule_sets:\n  a:\n    - {rule: recovery_s <= 60, why: x}\n",
      /unknown key "why" in a rule/,
      3,
    );
    rejectsFile("rule_sets:\n  a b:\n    - recovery_s <= 60\n", /rule set name "a b"/, 2);
    rejectsFile(
      "rule_sets:\n  a: [recovery_s <= 60]\n  a: [recovery_s <= 60]\n",
      /not valid YAML or JSON: .*unique/i,
    );
  });
});

describe("selectRules({exprs, files, sets})", () => {
  it(`applies the built-in set "${DEFAULT_RULE_SET}" when nothing is given`, async () => {
    const s = await selectRules({ exprs: [], files: [], sets: [] });
    assert.deepEqual(s.sources, ['built-in set "dynamo"']);
    assert.equal(s.rules.length, 7);
    assert.ok(s.rules.every((r) => r.origin.builtin));
  });

  it("applies only the --rule expressions when those alone are given", async () => {
    const s = await selectRules({
      exprs: ["recovery_s<=60", "failed_before==0 failure=none"],
      files: [],
      sets: [],
    });
    assert.deepEqual(
      s.rules.map((r) => r.origin.label),
      ["--rule #1", "--rule #2"],
    );
    assert.deepEqual(s.sources, ["2 --rule"]);
  });

  it("applies a file's default set, a named set, or a built-in set next to --rule", async () => {
    const file = fixture("check", "rules.yaml");
    const d = await selectRules({ exprs: [], files: [file], sets: [] });
    assert.equal(d.rules.length, 5);
    const strict = await selectRules({ exprs: ["startup_s<200"], files: [file], sets: ["strict"] });
    assert.deepEqual(
      strict.rules.map((r) => r.name),
      ["fast-recovery", "startup_s < 200"],
    );
    const both = await selectRules({ exprs: [], files: [file], sets: ["strict", "dynamo"] });
    assert.equal(both.rules.length, 8);
    assert.equal(both.sources[1], 'built-in set "dynamo"');
    const json = await selectRules({ exprs: [], files: [fixture("check", "rules.json")], sets: [] });
    assert.equal(json.rules.length, 2, "the only set of a file applies");
  });

  it("rejects an unknown set, listing the available ones, and a file with several sets and no default", async () => {
    await assert.rejects(selectRules({ exprs: [], files: [], sets: ["nightly"] }), (e: unknown) => {
      assert.ok(e instanceof FtparseError);
      assert.equal(e.exitCode, ExitCode.Usage);
      assert.match(e.message, /unknown rule set "nightly"/);
      assert.match(e.hint ?? "", /dynamo \(built-in\)/);
      return true;
    });
    const several = await tempRules("rule_sets:\n  a: [recovery_s<1]\n  b: [recovery_s<2]\n");
    await assertFtparseError(
      () => selectRules({ exprs: [], files: [several], sets: [] }),
      2,
      /holds 2 rule sets \(a, b\) and none is named "default"/,
    );
  });

  it("rejects a selection without any rule", async () => {
    const empty = await tempRules("rule_sets:\n  default: []\n");
    await assertFtparseError(
      () => selectRules({ exprs: [], files: [empty], sets: [] }),
      2,
      /no rules to check/,
    );
  });
});

/**
 * A gate never passes blind: a scenario directory that `check` finds but cannot read (every client log
 * empty) fails the gate (exit 1), shows up as a failed JUnit testcase and in the step summary, and is
 * accepted only with --allow-unreadable.
 */
import assert from "node:assert/strict";
import { cp, mkdtemp, readdir, readFile, truncate } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { fixture, runCli } from "../helpers.js";
import { assertCountsConsistent, junitSchemaErrors } from "../junitSchema.js";

const SCENARIO = "test_fault_scenario[agg-tp-1-dp-1-frontend]";

describe("ftparse check on a tree with a scenario it cannot read", () => {
  let dir: string;
  let tree: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "ftparse-unread-"));
    tree = join(dir, "legacy");
    await cp(fixture("samples", "legacy"), tree, { recursive: true });
    const scenario = join(tree, SCENARIO);
    for (const f of await readdir(scenario)) {
      if (/^client_\d+\.log\.txt$/.test(f)) await truncate(join(scenario, f), 0);
    }
  });

  it("exits 1, with a failed JUnit testcase and a step-summary section saying why", async () => {
    const junit = join(dir, "j.xml");
    const summary = join(dir, "s.md");
    const r = await runCli([
      "check",
      tree,
      "--rule",
      "success_before >= 0",
      "--junit",
      junit,
      "--summary",
      summary,
      "--no-step-summary",
    ]);
    assert.equal(r.code, 1, r.stderr);
    assert.doesNotMatch(r.stderr, /PASS/);
    assert.match(r.stderr, /^ftparse check: FAIL: 1 scenario could not be read/m);
    assert.match(r.stderr, /agg-tp-1-dp-1 \/ frontend: no readable client request/);
    const xml = await readFile(junit, "utf8");
    assert.deepEqual(await junitSchemaErrors(xml), []);
    assertCountsConsistent(xml);
    assert.match(xml, /<testsuites name="ftparse check" tests="8" failures="1" errors="0" skipped="0"/);
    assert.match(
      xml,
      /<testcase name="frontend: readable input" classname="agg-tp-1-dp-1\.frontend" time="0">\s*<failure message="no readable client request" type="unreadable">scenario: [^<]*agg-tp-1-dp-1-frontend\]/,
    );
    const md = await readFile(summary, "utf8");
    assert.match(md, /^## ❌ ftparse check: 1 scenario could not be read/);
    assert.match(md, /\| agg-tp-1-dp-1 \| frontend \| no readable client request \|/);
  });

  it("fails in --format json too (ok false, counts.unreadable, a result with status unreadable)", async () => {
    const r = await runCli([
      "check",
      tree,
      "--rule",
      "success_before >= 0",
      "--format",
      "json",
      "--no-step-summary",
    ]);
    assert.equal(r.code, 1);
    const json = JSON.parse(r.stdout) as {
      ok: boolean;
      counts: Record<string, number>;
      results: { status: string; failure: string }[];
    };
    assert.equal(json.ok, false);
    assert.equal(json.counts.unreadable, 1);
    assert.equal(json.counts.failed, 1);
    assert.deepEqual(
      json.results.filter((x) => x.status === "unreadable").map((x) => x.failure),
      ["frontend"],
    );
  });

  it("does not fail a gate whose rules do not apply to the unread scenario", async () => {
    const r = await runCli([
      "check",
      tree,
      "--rule",
      "recovery_s <= 100 group=disagg-*",
      "--no-step-summary",
    ]);
    assert.equal(r.code, 0, r.stderr);
  });

  it("--allow-unreadable: exit 0, the scenario listed as not read and skipped in JUnit", async () => {
    const junit = join(dir, "allowed.xml");
    const r = await runCli([
      "check",
      tree,
      "--rule",
      "success_before >= 0",
      "--allow-unreadable",
      "--junit",
      junit,
      "--no-step-summary",
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /1 scenario found but not read \(accepted by --allow-unreadable\)/);
    const xml = await readFile(junit, "utf8");
    assert.deepEqual(await junitSchemaErrors(xml), []);
    assertCountsConsistent(xml);
    assert.match(xml, /<testsuites name="ftparse check" tests="8" failures="0" errors="0" skipped="1"/);
    assert.match(xml, /<skipped message="no readable client request \(--allow-unreadable\)"\/>/);
  });

  it("with several runs, names the run of the unread scenario and fails that run alone", async () => {
    const clean = join(dir, "clean");
    await cp(fixture("samples", "legacy"), clean, { recursive: true });
    const junit = join(dir, "runs.xml");
    const r = await runCli(["check", tree, clean, "--rule", "success_before >= 0", "--junit", junit]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /legacy: FAIL \(1 of 8 scenarios\)/);
    assert.match(r.stderr, /clean: PASS \(8 scenarios\)/);
    const xml = await readFile(junit, "utf8");
    assert.deepEqual(await junitSchemaErrors(xml), []);
    assert.match(xml, /<testsuite name="legacy\/agg-tp-1-dp-1"[^>]* failures="1"/);
    assert.match(xml, /<testsuite name="clean\/agg-tp-1-dp-1"[^>]* failures="0"/);
  });
});

/**
 * Two inputs the long mutation run found: a record cut after `"url":` (DuckDB's NDJSON reader then
 * takes the next, valid line into the broken one) and a backslash in a directory name (DuckDB reads
 * `\` in a glob as an escape).
 */
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fixture, runJson } from "../helpers.js";

const name = "test_fault_scenario[edge-tp-1-dp-1-custom_chaos]";

describe("legacy client logs: a broken record does not take the next line with it", () => {
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), "ftparse-swallow-"));
    cpSync(fixture("edge", name), join(root, name), { recursive: true });
    const file = join(root, name, "client_0.log.txt");
    const lines = readFileSync(file, "utf8").split("\n");
    lines[0] = lines[0]!.slice(0, lines[0]!.indexOf('"url":') + '"url":'.length);
    writeFileSync(file, lines.join("\n"));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it("skips only the cut line and keeps the one after it", async () => {
    const clean = (await runJson([fixture("edge", name)])).rows[0]!;
    const { code, rows, stderr } = await runJson([root]);
    assert.equal(code, 0);
    assert.equal(
      rows[0]!.success_before,
      Number(clean.success_before) - 1,
      "line 1 was the only success before",
    );
    assert.equal(rows[0]!.failed_after, clean.failed_after, "line 2 (a failure after F) is still counted");
    assert.equal(rows[0]!.success_after, clean.success_after);
    assert.match(stderr, /client_0\.log\.txt:1: line skipped/);
    assert.doesNotMatch(stderr, /client_0\.log\.txt:2:/);
  });
});

describe("a backslash in a scenario directory name", () => {
  let root: string;
  const odd = "test_fault_scenario[edge-tp-1-dp-1back\\slash-custom_chaos]";
  before(() => {
    root = mkdtempSync(join(tmpdir(), "ftparse-backslash-"));
    cpSync(fixture("edge", name), join(root, odd), { recursive: true });
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it("is read like any other name", async () => {
    const clean = (await runJson([fixture("edge", name)])).rows[0]!;
    const { code, rows } = await runJson([root]);
    assert.equal(code, 0);
    assert.equal(rows[0]!.test_group, "edge-tp-1-dp-1back\\slash");
    for (const key of [
      "success_before",
      "failed_before",
      "success_after",
      "failed_after",
      "recovery_s",
      "startup_s",
    ]) {
      assert.equal(rows[0]![key], clean[key], key);
    }
  });
});

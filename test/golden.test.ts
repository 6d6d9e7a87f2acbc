/** assertGolden (test/golden.ts): nothing is accepted silently; the output is left for review. */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { assertGolden, changedPath } from "./golden.js";

describe("assertGolden(relPath, actual)", () => {
  const root = mkdtempSync(join(tmpdir(), "ftparse-golden-"));
  delete process.env.FTPARSE_UPDATE_GOLDEN; // this file tests the checking mode
  after(() => rmSync(root, { recursive: true, force: true }));

  it("names the review file before every extension", () => {
    assert.equal(changedPath("/x/charts/recovery.vl.json"), "/x/charts/recovery-changed.vl.json");
    assert.equal(changedPath("/x/README"), "/x/README-changed");
  });

  it("fails on a missing golden file and writes the output as -changed", () => {
    assert.throws(() => assertGolden("a/summary.json", "[1]\n", root), /missing golden file/);
    assert.equal(existsSync(join(root, "a", "summary.json")), false);
    assert.equal(readFileSync(join(root, "a", "summary-changed.json"), "utf8"), "[1]\n");
  });

  it("fails on a one-byte difference and writes the output as -changed", () => {
    writeFileSync(join(root, "a", "summary.json"), "[1]\n");
    assert.throws(() => assertGolden("a/summary.json", "[2]\n", root), /differs/);
    assert.equal(readFileSync(join(root, "a", "summary.json"), "utf8"), "[1]\n");
    assert.equal(readFileSync(join(root, "a", "summary-changed.json"), "utf8"), "[2]\n");
  });

  it("passes on equal bytes and removes a stale -changed file", () => {
    assertGolden("a/summary.json", "[1]\n", root);
    assert.equal(existsSync(join(root, "a", "summary-changed.json")), false);
  });
});

/**
 * CSV formula injection: text cells that a spreadsheet would run as a formula get a leading `'`, in
 * every CSV ftparse writes; numbers stay numbers.
 */
import assert from "node:assert/strict";
import { cp, mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { csvCell, renderCsv } from "../../src/render/csv.js";
import { fixture, runCli } from "../helpers.js";

describe("csvCell(value)", () => {
  it("prefixes text starting with = + - @ tab or CR with ', and leaves numbers and plain text alone", () => {
    assert.equal(csvCell('=HYPERLINK("http://x","y")'), `"'=HYPERLINK(""http://x"",""y"")"`);
    assert.equal(csvCell("+cmd|' /C calc'!A0"), "'+cmd|' /C calc'!A0");
    assert.equal(csvCell("-2+3"), "'-2+3");
    assert.equal(csvCell("@SUM(A1)"), "'@SUM(A1)");
    assert.equal(csvCell("\t=1"), "'\t=1");
    assert.equal(csvCell("\r=1"), `"'\r=1"`);
    assert.equal(csvCell(-1.5), "-1.5");
    assert.equal(csvCell(12n), "12");
    assert.equal(csvCell("-0.25"), "-0.25");
    assert.equal(csvCell("+3e5"), "+3e5");
    assert.equal(csvCell("agg-tp-1"), "agg-tp-1");
    assert.equal(csvCell(null), "");
    assert.equal(renderCsv(["=k"], [{ "=k": "@x" }]), "'=k\r\n'@x\r\n");
  });
});

describe("every CSV ftparse writes, on a tree whose directory names look like formulas", () => {
  it("summary.csv (--out), --format csv and check --format csv carry the names prefixed", async () => {
    const dir = await mkdtemp(join(tmpdir(), "ftparse-csv-"));
    const tree = join(dir, "tree");
    await cp(
      fixture("samples", "legacy", "test_fault_scenario[agg-tp-1-dp-1-frontend]"),
      join(tree, "test_fault_scenario[=1+2@x-@SUM(1)]"),
      { recursive: true },
    );
    const out = join(dir, "rep");
    const r = await runCli([tree, "--format", "csv", "--out", out]);
    assert.equal(r.code, 0, r.stderr);
    for (const csv of [r.stdout, await readFile(join(out, "summary.csv"), "utf8")]) {
      const [header, row] = csv.split("\r\n");
      const cells = row!.split(",");
      assert.equal(cells[header!.split(",").indexOf("test_group")], "'=1+2@x");
      assert.equal(cells[header!.split(",").indexOf("failure")], "'@SUM(1)");
      // numbers are still numbers
      assert.match(cells[header!.split(",").indexOf("success_before")]!, /^\d+$/);
      assert.doesNotMatch(csv, /(^|,)[=@+]/m);
    }
    const c = await runCli([
      "check",
      tree,
      "--rule",
      "success_before >= 0",
      "--format",
      "csv",
      "--no-step-summary",
    ]);
    assert.equal(c.code, 0, c.stderr);
    assert.match(c.stdout, /\r\n'=1\+2@x,'@SUM\(1\),legacy,/);
    assert.doesNotMatch(c.stdout, /(^|,)[=@+]/m);
  });
});

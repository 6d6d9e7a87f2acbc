/**
 * Colour and marks: FORCE_COLOR and NO_COLOR are honoured on stdout, bad values carry ✗ as well as red
 * (so a terminal without colour still shows them), and a plain pipe keeps the reference's exact table.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { describe, it } from "node:test";
import { promisify } from "node:util";
import { colorWanted } from "../../src/render/marks.js";
import { repoRoot } from "../helpers.js";
import { legacy } from "../history/helpers.js";
import { runInTerminal } from "../terminal.js";

/* eslint-disable no-control-regex -- colour codes are what these tests look for */
const bin = join(repoRoot, "dist", "src", "bin.js");
const COLOUR = /\u001b\[3[0-9]m/;

async function piped(args: string[], env: Record<string, string>): Promise<string> {
  const base = { ...process.env };
  delete base.NO_COLOR;
  delete base.FORCE_COLOR;
  try {
    return (await promisify(execFile)(process.execPath, [bin, ...args], { env: { ...base, ...env } })).stdout;
  } catch (e) {
    // check exits 1 when a rule is breached: its stdout is what is asserted
    if ((e as { code?: number }).code !== 1) throw e;
    return (e as { stdout: string }).stdout;
  }
}

describe("colour", () => {
  it("FORCE_COLOR forces it (not 0/false), NO_COLOR turns it off, else a terminal decides", () => {
    assert.equal(colorWanted(false, {}), false);
    assert.equal(colorWanted(true, {}), true);
    assert.equal(colorWanted(false, { FORCE_COLOR: "1" }), true);
    assert.equal(colorWanted(false, { FORCE_COLOR: "" }), true);
    assert.equal(colorWanted(true, { FORCE_COLOR: "0" }), false);
    assert.equal(colorWanted(true, { FORCE_COLOR: "false" }), false);
    assert.equal(colorWanted(true, { NO_COLOR: "1" }), false);
    assert.equal(colorWanted(true, { NO_COLOR: "" }), true);
    assert.equal(colorWanted(false, { NO_COLOR: "1", FORCE_COLOR: "1" }), true);
  });

  it("a terminal gets colour, and failures after the fault are marked ✗ in red", async () => {
    const r = (await runInTerminal([legacy], { columns: 200 })).text;
    assert.match(r, /\u001b\[31m✗ 450\u001b\[39m/);
    assert.match(r, /\u001b\[33mN\/A\u001b\[39m/);
  });

  it("NO_COLOR on a terminal: no colour, the marks stay", async () => {
    const r = (await runInTerminal([legacy], { columns: 200, env: { NO_COLOR: "1" } })).text;
    assert.doesNotMatch(r, COLOUR);
    assert.match(r, /│ +✗ 450 │/);
  });

  it("FORCE_COLOR=0 on a terminal: no colour", async () => {
    const r = (await runInTerminal([legacy], { columns: 200, env: { FORCE_COLOR: "0" } })).text;
    assert.doesNotMatch(r, COLOUR);
  });

  it("FORCE_COLOR in a pipe (a CI log): colour and marks", async () => {
    const out = await piped([legacy, "--format", "table"], { FORCE_COLOR: "1" });
    assert.match(out, /\u001b\[31m✗ 450\u001b\[39m/);
    const check = await piped(["check", legacy, "--no-step-summary"], { FORCE_COLOR: "1" });
    assert.match(check, /\u001b\[32m✓ PASS\u001b\[39m/);
    assert.match(check, /\u001b\[31m✗ FAIL\u001b\[39m/);
  });

  it("a plain pipe: the reference's table, no colour, no marks", async () => {
    const out = await piped([legacy, "--format", "table"], {});
    assert.doesNotMatch(out, COLOUR);
    assert.doesNotMatch(out, /✗/);
    assert.match(out, /│ +450 │/);
    // check's verdicts carry their marks everywhere (they are ftparse's own, not the reference's)
    const check = await piped(["check", legacy, "--no-step-summary"], {});
    assert.match(check, /✓ PASS/);
    assert.doesNotMatch(check, COLOUR);
  });
});

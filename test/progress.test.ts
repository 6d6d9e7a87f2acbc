/**
 * The progress bar: drawn on a terminal's stderr while trees are read and cleared before the output;
 * never in a pipe or a CI job.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { describe, it } from "node:test";
import { promisify } from "node:util";
import { recordingEffects } from "../src/effects.js";
import { Warnings } from "../src/messages.js";
import { clock, ProgressBar } from "../src/progress.js";
import { repoRoot } from "./helpers.js";
import { legacy } from "./history/helpers.js";
import { runInTerminal } from "./terminal.js";

const BAR = /reading [█░]{20} \d+\/8 scenarios · \d+\.\d MB · \d+:\d\d/;

describe("progress bar", () => {
  it("on a terminal: drawn while reading, then cleared before the tables", async () => {
    const r = await runInTerminal([legacy], { columns: 120, stderr: "tty" });
    assert.match(r.text, BAR);
    const lastBar = r.text.lastIndexOf("scenarios ·");
    const cleared = r.text.indexOf("\u001b[2K", lastBar); // ("\r" is dropped by runInTerminal)
    const table = r.text.indexOf("Test Group:");
    assert.ok(lastBar >= 0 && cleared > lastBar && table > cleared, "cleared after its last drawing");
  });

  it("never in a pipe", async () => {
    const { stderr } = await promisify(execFile)(process.execPath, [
      join(repoRoot, "dist", "src", "bin.js"),
      legacy,
      "--format",
      "json",
    ]);
    assert.doesNotMatch(stderr, /scenarios ·/);
    assert.ok(!stderr.includes("\u001b"), "no escape codes");
  });

  it("never in a CI job, even on a terminal", async () => {
    const r = await runInTerminal([legacy], { columns: 120, stderr: "tty", env: { CI: "true" } });
    assert.doesNotMatch(r.text, /scenarios ·/);
  });

  it("counts each scenario once, adds up bytes, and clears its line", () => {
    const rec = recordingEffects(new Warnings());
    assert.equal(ProgressBar.start(rec.effects, 3, {}), undefined, "not a terminal: no bar");
    rec.effects.stderrIsTTY = true;
    const bar = ProgressBar.start(rec.effects, 3, {})!;
    assert.match(rec.stderr(), /reading ░{20} 0\/3 scenarios · 0\.0 MB · 0:00$/);
    bar.done([1, 2], 1024 * 1024);
    bar.done([2], 1024 * 1024);
    (bar as unknown as { draw(): void }).draw();
    assert.match(rec.stderr(), /reading █{13}░{7} 2\/3 scenarios · 2\.0 MB · 0:00 · ETA 0:00$/);
    bar.clear();
    assert.ok(rec.stderr().endsWith("\r\u001b[2K"));
    assert.equal(clock(83), "1:23");
  });
});

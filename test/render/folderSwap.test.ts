/** --out folders replaced as a whole (src/render/folderSwap.ts); the kill -9 trials are bench/kill.ts. */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { FtparseError } from "../../src/errors.js";
import { replaceFolder } from "../../src/render/folderSwap.js";
import { fixture, runCli } from "../helpers.js";

let parent: string;
before(() => (parent = mkdtempSync(join(tmpdir(), "ftparse-swap-"))));
after(() => rmSync(parent, { recursive: true, force: true }));

const ours = (names: readonly string[]) => names.length === 0 || names.includes("summary.json");
/** The id of a process that has ended. */
const deadPid = () => spawnSync(process.execPath, ["-e", ""]).pid!;

function oldReport(name: string): string {
  const out = join(parent, name);
  mkdirSync(join(out, "charts"), { recursive: true });
  writeFileSync(join(out, "summary.json"), "old");
  writeFileSync(join(out, "charts", "gone.svg"), "old");
  return out;
}

describe("replaceFolder", () => {
  it("replaces the whole folder and leaves no temporary", async () => {
    const out = oldReport("whole");
    await replaceFolder(out, ours, (dir) => writeFile(join(dir, "summary.json"), "new"));
    assert.deepEqual(readdirSync(out), ["summary.json"]);
    assert.deepEqual(
      readdirSync(parent).filter((n) => n.startsWith(".whole.")),
      [],
    );
  });

  it("leaves the old folder as it was when writing the new one fails", async () => {
    const out = oldReport("failed");
    await assert.rejects(
      replaceFolder(out, ours, async (dir) => {
        await writeFile(join(dir, "summary.json"), "half");
        throw new Error("disk full");
      }),
      /disk full/,
    );
    assert.deepEqual(readdirSync(out).sort(), ["charts", "summary.json"]);
    assert.deepEqual(
      readdirSync(parent).filter((n) => n.startsWith(".failed.")),
      [],
    );
  });

  it("removes the temporaries of dead processes, and puts back a folder set aside by one", async () => {
    const out = oldReport("stale");
    const dead = deadPid();
    // Killed after filling its new folder and setting the old one aside, before renaming the new in.
    mkdirSync(join(parent, `.stale.new-${dead}`));
    writeFileSync(join(parent, `.stale.new-${dead}`, "summary.json"), "never shown");
    const { renameSync } = await import("node:fs");
    renameSync(out, join(parent, `.stale.old-${dead}`));
    // Another dead process's half-filled folder.
    mkdirSync(join(parent, `.stale.new-${deadPid()}`));
    await assert.rejects(
      replaceFolder(out, ours, () => Promise.reject(new Error("stop"))),
      /stop/,
    );
    assert.deepEqual(readdirSync(out).sort(), ["charts", "summary.json"]);
    assert.deepEqual(
      readdirSync(parent).filter((n) => n.startsWith(".stale.")),
      [],
    );
  });

  it("keeps the temporaries of a process that still runs", async () => {
    const out = oldReport("alive");
    const live = join(parent, `.alive.new-${process.ppid}`);
    mkdirSync(live);
    await replaceFolder(out, ours, (dir) => writeFile(join(dir, "summary.json"), "new"));
    assert.ok(existsSync(live));
  });

  it("never replaces a folder of other files, nor a file", async () => {
    const mine = join(parent, "mine");
    mkdirSync(mine);
    writeFileSync(join(mine, "thesis.tex"), "precious");
    await assert.rejects(
      replaceFolder(mine, ours, async () => {}),
      (e: FtparseError) => {
        assert.equal(e.exitCode, 2);
        assert.match(e.message, /holds files ftparse did not write/);
        return true;
      },
    );
    assert.deepEqual(readdirSync(mine), ["thesis.tex"]);
    const file = join(parent, "a-file");
    writeFileSync(file, "x");
    await assert.rejects(
      replaceFolder(file, ours, async () => {}),
      /is a file, not a folder/,
    );
  });
});

describe("ftparse PATH --out DIR over an older report", () => {
  it("holds only the new report's files", async () => {
    const out = oldReport("cli");
    const r = await runCli([fixture("samples", "legacy"), "--out", out, "--format", "csv"]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!existsSync(join(out, "charts", "gone.svg")));
    assert.ok(existsSync(join(out, "report.html")));
    assert.notEqual((await import("node:fs")).readFileSync(join(out, "summary.json"), "utf8"), "old");
    assert.deepEqual(
      readdirSync(parent).filter((n) => n.startsWith(".cli.")),
      [],
    );
  });
});

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { createWorkDir, removeStaleWorkDirs } from "../../src/runner/workDir.js";

describe("the runner's temporary folder", () => {
  it("removes the folders of runners that died (kill -9) and keeps those of live ones", () => {
    const parent = mkdtempSync(join(tmpdir(), "ftparse-workdir-"));
    // a pid that existed and is gone: a process that has exited
    const dead = spawnSync(process.execPath, ["-e", ""]).pid!;
    const stale = join(parent, `ftparse-run-${dead}-abc123`);
    mkdirSync(join(stale, "pods", "x"), { recursive: true });
    writeFileSync(join(stale, "pods", "x", "0.log"), "log\n");
    const live = join(parent, `ftparse-run-${process.pid}-def456`);
    mkdirSync(live);
    const other = join(parent, "ftparse-run-notours");
    mkdirSync(other);
    const created = createWorkDir(parent);
    assert.equal(existsSync(stale), false);
    assert.equal(existsSync(live), true);
    assert.equal(existsSync(other), true);
    assert.match(created, new RegExp(`ftparse-run-${process.pid}-`));
    assert.deepEqual(removeStaleWorkDirs(parent), []);
  });
});

/**
 * The build run twice at once in a copy of the repository (`npm run test:build`; not part of `npm test`,
 * whose own build it would race): both succeed, dist/ is one whole build, the CLI runs from its bin
 * with the execute bit, re-bundling is a no-op, and `--if-stale` (npm's `prepare`) does not rebuild.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { promisify } from "node:util";
import { fixture, repoRoot } from "../helpers.js";

const run = promisify(execFile);

describe("build", { timeout: 600_000 }, () => {
  const copy = mkdtempSync(join(tmpdir(), "ftparse-build-"));
  after(() => rmSync(copy, { recursive: true, force: true }));
  for (const entry of ["src", "test", "bench", "scripts", "queries", "rules"])
    cpSync(join(repoRoot, entry), join(copy, entry), {
      recursive: true,
      filter: (src) => !src.includes(join("bench", ".data")),
    });
  for (const file of ["package.json", "package-lock.json", "tsconfig.json"])
    cpSync(join(repoRoot, file), join(copy, file));
  symlinkSync(join(repoRoot, "node_modules"), join(copy, "node_modules"));
  const build = (...args: string[]) =>
    run(process.execPath, [join(copy, "scripts", "build.mjs"), ...args], { cwd: copy });
  const bin = join(copy, "dist", "src", "bin.js");

  it("two builds at once both succeed and leave one runnable CLI", async () => {
    await Promise.all([build(), build()]);
    assert.deepEqual(
      readdirSync(copy).filter((f) => f.startsWith("dist")),
      ["dist"],
      "no temporary build folder is left behind",
    );
    assert.ok((statSync(bin).mode & 0o111) !== 0, "bin.js is executable");
    const version = await run(bin, ["--version"]);
    assert.match(version.stdout, /^\d+\.\d+\.\d+/);
    const report = await run(bin, [fixture("samples", "legacy"), "--format", "json"]);
    const rows = JSON.parse(report.stdout) as { failure: string }[];
    assert.ok(rows.length > 0 && rows.every((r) => typeof r.failure === "string"));
  });

  it("bundling again is a no-op and the CLI still runs", async () => {
    const again = await run(process.execPath, [join(copy, "scripts", "bundle.mjs")], { cwd: copy });
    assert.match(again.stderr, /bundled already/);
    assert.match((await run(bin, ["--version"])).stdout, /^\d+\.\d+\.\d+/);
  });

  it("--if-stale (npm's prepare, run by `npx ftparse` in a checkout) does not rebuild", async () => {
    const before = statSync(bin).mtimeMs;
    await build("--if-stale");
    assert.equal(statSync(bin).mtimeMs, before);
  });
});

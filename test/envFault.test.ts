/**
 * Faults of the environment exit 2 naming the user's path and what to do, never 3 ("please report it").
 * Real faults where this machine can make them (a file where a folder goes, a folder where a file
 * goes, /sys, a low open-file limit); a full disk cannot be made here without a tiny file system, so
 * ENOSPC and DuckDB's words for it are given to the classifier as the errors Node and DuckDB raise.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { environmentFault, userPath } from "../src/envFault.js";
import { openReaderFiles } from "../src/ingest/fs/readerPaths.js";
import { fixture, repoRoot, runCli } from "./helpers.js";

const legacy = fixture("samples", "legacy");
let dir: string;
before(() => (dir = mkdtempSync(join(tmpdir(), "ftparse-env-"))));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Exit 2, the path named on the first line, a hint, and no internal error. */
function assertFault(r: { code: number; stderr: string }, path: string) {
  assert.equal(r.code, 2, r.stderr);
  assert.ok(r.stderr.includes(path), r.stderr);
  assert.match(r.stderr, /\nhint: /);
  assert.doesNotMatch(r.stderr, /internal error|please report/);
}

describe("environment faults exit 2 with the user's path", () => {
  it("--out naming a file, or under a file", async () => {
    const file = join(dir, "a-file");
    writeFileSync(file, "x");
    assertFault(await runCli([legacy, "--out", file, "--format", "csv"]), file);
    assertFault(await runCli([legacy, "--out", join(file, "rep"), "--format", "csv"]), file);
  });

  it("--out where writing is not permitted (/sys)", async () => {
    assertFault(await runCli([legacy, "--out", "/sys/ftparse-test/rep", "--format", "csv"]), "/sys");
  });

  it("check --junit naming a folder", async () => {
    const folder = join(dir, "junit-dir");
    mkdirSync(folder);
    const r = await runCli(["check", legacy, "--rule", "success_before >= 0", "--junit", folder]);
    assertFault(r, folder);
  });

  it("export --out and run --out naming a file", async () => {
    const db = join(dir, "h.duckdb");
    assert.equal((await runCli(["ingest", join(legacy), "--db", db])).code, 0);
    const file = join(dir, "not-a-folder");
    writeFileSync(file, "x");
    assertFault(await runCli(["export", "--db", db, "--out", file]), file);
    assertFault(
      await runCli(["run", "--deployment", "agg-tp-1-dp-1", "--failure", "none", "--out", join(file, "x")]),
      file,
    );
  });

  it("an unwritable $GITHUB_STEP_SUMMARY warns and keeps a breach's exit 1", () => {
    const folder = join(dir, "summary-dir");
    mkdirSync(folder, { recursive: true });
    const r = spawnSync(
      process.execPath,
      [join(repoRoot, "dist", "src", "bin.js"), "check", legacy, "--rule", "success_before >= 100000"],
      { encoding: "utf8", env: { ...process.env, GITHUB_STEP_SUMMARY: folder } },
    );
    assert.equal(r.status, 1, r.stderr);
    assert.match(
      r.stderr,
      new RegExp(`${folder.replace(/[/.]/g, "\\$&")}: cannot add the step summary: EISDIR`),
    );
    assert.doesNotMatch(r.stderr, /internal error/);
  });

  // 36: node and its module loader need about 34 descriptors before ftparse runs at all
  it("too many open files (a low ulimit -n)", () => {
    const bin = join(repoRoot, "dist", "src", "bin.js");
    const r = spawnSync(
      "bash",
      ["-c", `ulimit -n 36 && exec "${process.execPath}" "${bin}" "${legacy}" -f csv`],
      {
        encoding: "utf8",
      },
    );
    // Either it managed (exit 0) or it says what to do; never an internal error.
    if (r.status !== 0) {
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, /too many open files[^]*hint: raise the limit/);
    }
    assert.doesNotMatch(r.stderr, /internal error/);
  });
});

describe("environmentFault", () => {
  it("a full disk from Node (ENOSPC), named by the user's file", () => {
    const e = Object.assign(new Error("ENOSPC: no space left on device, write"), {
      code: "ENOSPC",
      path: join(dir, ".rep.new-123", "report.html"),
    });
    const f = environmentFault(e)!;
    assert.equal(f.exitCode, 2);
    assert.equal(f.message, `${join(dir, "rep", "report.html")}: no space left on the device`);
    assert.match(f.hint!, /free some space/);
  });

  it("a full disk from DuckDB, also under 'Current transaction is aborted'", () => {
    for (const text of [
      'IO Error: Could not write file "/data/h.duckdb.wal": No space left on device',
      "Out of Memory Error: failed to offload data block of size 256.0 KiB (…/h.duckdb.tmp)",
    ]) {
      const first = new Error(text);
      const later = new Error("TransactionContext Error: Current transaction is aborted (please ROLLBACK)", {
        cause: first,
      });
      const f = environmentFault(later)!;
      assert.equal(f.exitCode, 2, text);
      assert.match(f.message, /no space left on the device/);
    }
    assert.match(
      environmentFault(new Error('IO Error: Could not write file "/data/h.duckdb.wal": x'))!.message,
      /^\/data\/h\.duckdb\.wal: /,
    );
  });

  it("a bug stays a bug", () => {
    assert.equal(environmentFault(new TypeError("x is undefined")), undefined);
    assert.equal(environmentFault(new Error("Binder Error: column foo not found")), undefined);
  });

  it("a directory read through /proc/self/fd is named by its own path", () => {
    const scenario = join(dir, "test_fault_scenario[a-b]");
    mkdirSync(scenario, { recursive: true });
    writeFileSync(join(scenario, "client_0.log.txt"), "");
    const files = openReaderFiles([join(scenario, "client_0.log.txt")]);
    try {
      if (!files.names[0]!.startsWith("/proc/self/fd/")) return; // not Linux: no aliases to undo
      assert.equal(
        userPath(`IO Error: cannot open "${files.names[0]!}"`),
        `IO Error: cannot open "${join(scenario, "client_0.log.txt")}"`,
      );
    } finally {
      files.close();
    }
  });
});

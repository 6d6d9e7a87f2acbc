/** The CLI end to end: formats, --out, and the exit-code table (in-process, plus a spawned process). */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fixture, repoRoot, runCli } from "./helpers.js";

const samples = fixture("samples", "legacy");
const edge = fixture("edge");

describe("ftparse PATH (formats)", () => {
  it("prints a table on a terminal and JSON when piped", async () => {
    const tty = await runCli([edge], { tty: true });
    assert.match(tty.stdout, /Test Group: edge-tp-1-dp-1/);
    const piped = await runCli([edge]);
    assert.ok(Array.isArray(JSON.parse(piped.stdout)));
  });

  it("prints valid Markdown with one-line headers", async () => {
    const { stdout, code } = await runCli([edge, "--format", "markdown"]);
    assert.equal(code, 0);
    assert.match(stdout, /^### Test Group: edge-tp-1-dp-1$/m);
    assert.match(stdout, /^\| Failure \| Startup \| Success Before \| Failed Before \|/m);
    assert.match(stdout, /^\| decode_worker \| 120\.00 \| 2 \| 0 \| 2 \| 4 \| 1\.50 \| 2\.25 \| 71\.12 \|$/m);
  });

  it("prints CSV with the JSON keys and unrounded values", async () => {
    const { stdout } = await runCli([edge, "--format", "csv"]);
    const lines = stdout.trimEnd().split("\r\n");
    assert.ok(
      lines[0]!.startsWith(
        "test_group,failure,layout,scenario_dir,startup_s,success_before,failed_before,success_after,failed_after," +
          "latency_before_s,latency_after_s,recovery_s,violations_before,violations_after,",
      ),
      "the keys of docs/contract.md#json-keys first, in order",
    );
    assert.equal(lines.length, 4);
    assert.match(
      lines[2]!,
      /^edge-tp-1-dp-1,decode_worker,legacy,.*\[edge-tp-1-dp-1-decode_worker\],120,2,0,2,4,1\.5,2\.25,71\.125,,,/,
    );
  });

  it("writes summary.json, .csv and .md with --out", async () => {
    const out = mkdtempSync(join(tmpdir(), "ftparse-out-"));
    try {
      const { code, stdout } = await runCli([samples, "--out", out, "--format", "json"]);
      assert.equal(code, 0);
      assert.equal(readFileSync(join(out, "summary.json"), "utf8"), stdout);
      assert.match(readFileSync(join(out, "summary.csv"), "utf8"), /^test_group,failure,/);
      assert.match(readFileSync(join(out, "summary.md"), "utf8"), /### Test Group: agg-tp-1-dp-1/);
      // every file was renamed into place: no temporary `.<name>.<pid>.tmp` (src/render/files.ts) is left
      const left = readdirSync(out, { recursive: true, encoding: "utf8" }).filter((n) => n.endsWith(".tmp"));
      assert.deepEqual(left, []);
      assert.ok(existsSync(join(out, "report.html")));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe("exit codes", () => {
  it("0 and help text for --help", async () => {
    const r = await runCli(["--help"]);
    assert.equal(r.code, 0);
    assert.match(
      r.stdout,
      /Usage: ftparse \[options\] \[command\] \[paths\.\.\.\]|Usage: ftparse \[options\] \[paths\.\.\.\]/,
    );
    assert.match(r.stdout, /Exit codes:/);
  });
  it("0 and the version for --version", async () => {
    const r = await runCli(["--version"]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^\d+\.\d+\.\d+\n$/);
  });
  it("2 for a path that does not exist", async () => {
    const r = await runCli(["/nonexistent/results"]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /ftparse: no such file or directory: \/nonexistent\/results/);
  });
  it("2 for a folder without scenarios", async () => {
    const empty = mkdtempSync(join(tmpdir(), "ftparse-empty-"));
    try {
      const r = await runCli([empty]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /no result directories under/);
    } finally {
      rmSync(empty, { recursive: true });
    }
  });
  it("2 for an unknown format, a bad number or a bad zone", async () => {
    assert.match((await runCli([edge, "--format", "xml"])).stderr, /unknown format "xml"/);
    assert.equal((await runCli([edge, "--format", "xml"])).code, 2);
    assert.equal((await runCli([edge, "--sla", "fast"])).code, 2);
    const tz = await runCli([edge, "--tz", "Mars/Olympus"]);
    assert.equal(tz.code, 2);
    assert.match(tz.stderr, /unknown time zone "Mars\/Olympus"/);
  });
  it("2 with --strict when input had to be skipped, after printing the numbers", async () => {
    const r = await runCli([edge, "--strict"]);
    assert.equal(r.code, 2);
    assert.equal(JSON.parse(r.stdout).length, 3);
    assert.match(r.stderr, /--strict: \d+ input issues found/);
  });
  it("0 with --strict on clean input", async () => {
    const r = await runCli([fixture("tz-new-york"), "--strict"]);
    assert.equal(r.code, 0);
    assert.equal(r.stderr, "");
  });
  it("2 when scenarios exist but none has a readable request", async () => {
    const r = await runCli([join(edge, "test_fault_scenario[edge-tp-1-dp-1-none]")]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /none had a readable client request/);
  });
  it("stops quietly with exit 0 when the reader of its output goes away (`| head`)", () => {
    const bin = join(repoRoot, "dist", "src", "bin.js");
    for (let i = 0; i < 3; i++) {
      const r = spawnSync(
        "bash",
        [
          "-c",
          'node "$0" "$1" --format table 2>&1 | head -1 >/dev/null; echo "${PIPESTATUS[0]}"',
          bin,
          samples,
        ],
        { encoding: "utf8" },
      );
      assert.equal(r.stdout.trim(), "0");
    }
  });
  it("sets the process exit code and keeps stack traces out of stderr (spawned)", () => {
    const bin = join(repoRoot, "dist", "src", "bin.js");
    const ok = spawnSync(process.execPath, [bin, edge, "--format", "json"], { encoding: "utf8" });
    assert.equal(ok.status, 0);
    assert.equal(JSON.parse(ok.stdout).length, 3);
    const bad = spawnSync(process.execPath, [bin, "/nonexistent"], { encoding: "utf8" });
    assert.equal(bad.status, 2);
    assert.doesNotMatch(bad.stderr, /\bat .*\.js:\d+/);
  });
});

/**
 * CI artifacts as input (docs/archives.md): `.zip`, `.tar`, `.tar.gz`, `.tgz` PATHs give the same
 * numbers as the folders they hold, on every fixture tree; entries escaping the archive are refused
 * with exit 2; no temporary file survives, even Ctrl-C.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { after, before, describe, it } from "node:test";
import * as tar from "tar";
import { escapesFolder } from "../src/archives.js";
import { fixture, repoRoot, runCli, runJson } from "./helpers.js";
import { folderEntries, writeZip } from "./zipWriter.js";

/** Every fixture tree, each as one run (named after its folder). */
const trees = [
  fixture("samples", "legacy"),
  fixture("samples", "aiperf"),
  fixture("edge"),
  fixture("ext", "results"),
  fixture("layouts", "mixed"),
  fixture("tz-new-york"),
  fixture("perf", "blank-lines"),
];

let dir: string;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), "ftparse-archives-test-"));
  for (const [kind, ext] of [
    ["zip", ".zip"],
    ["tgz", ".tgz"],
    ["tar", ".tar"],
  ] as const) {
    mkdirSync(join(dir, kind));
    for (const tree of trees) {
      const file = join(dir, kind, basename(tree) + ext);
      if (kind === "zip") writeZip(file, folderEntries(tree));
      else await tar.c({ file, cwd: tree, gzip: kind === "tgz", portable: true }, readdirSync(tree));
    }
  }
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** Rows keyed by run and scenario path inside its run, scenario_dir made relative. */
function byScenario(rows: Record<string, unknown>[], roots: string[]): Map<string, Record<string, unknown>> {
  const m = new Map<string, Record<string, unknown>>();
  for (const r of rows) {
    const dirName = String(r.scenario_dir);
    const root = roots.find((x) => dirName.startsWith(x + "/"));
    assert.ok(root, `${dirName} is under one of the PATHs`);
    const rest = { ...r };
    delete rest.scenario_dir;
    delete rest.scenario_id;
    m.set(`${String(r.run)} ${dirName.slice(root.length)}`, rest);
  }
  return m;
}

describe("archives as PATHs", () => {
  it("give the same numbers as the unpacked folders, on every fixture (.zip, .tgz, .tar)", async () => {
    const folders = await runJson([...trees, "--extended"]);
    assert.equal(folders.code, 0);
    const want = byScenario(folders.rows, trees);
    assert.ok(want.size > 20);
    for (const kind of ["zip", "tgz", "tar"]) {
      const files = readdirSync(join(dir, kind)).map((f) => join(dir, kind, f));
      const got = await runJson(files);
      assert.equal(got.code, 0, kind);
      assertSameRows(byScenario(got.rows, files), want, kind);
    }
  });

  it("opens archives inside an archive, one level deep, and names the run after the file", async () => {
    const inner = join(dir, "tgz", "edge.tgz");
    const outer = join(dir, "ci-artifact.zip");
    writeZip(outer, [{ name: "artifacts/" }, { name: "artifacts/edge.tgz", data: readFileSync(inner) }]);
    const { code, rows } = await runJson([outer]);
    assert.equal(code, 0);
    assert.equal(rows.length, (await runJson([fixture("edge")])).rows.length);
    assert.deepEqual([...new Set(rows.map((r) => r.run))], ["ci-artifact"]);
    assert.match(String(rows[0]!.scenario_dir), /ci-artifact\.zip\/artifacts\/edge\/test_fault_scenario\[/);
  });

  it("refuses entries and links that escape the archive, with exit 2", async () => {
    const cases: [string, () => Promise<void> | void][] = [
      [
        "dotdot.zip",
        () => writeZip(join(dir, "dotdot.zip"), [{ name: "a/../../x.txt", data: Buffer.from("x") }]),
      ],
      ["abs.zip", () => writeZip(join(dir, "abs.zip"), [{ name: "/tmp/x.txt", data: Buffer.from("x") }])],
      ["link.zip", () => writeZip(join(dir, "link.zip"), [{ name: "run/etc", symlink: "../../etc" }])],
    ];
    for (const [name, make] of cases) {
      await make();
      const r = await runCli([join(dir, name)]);
      assert.equal(r.code, 2, name);
      assert.match(r.stderr, /refusing archive entry/, name);
    }
    assert.ok(
      escapesFolder("../x") && escapesFolder("/x") && escapesFolder("C:\\x") && escapesFolder("a/../../b"),
    );
    assert.ok(!escapesFolder("a/../b") && !escapesFolder("./a/b"));
  });

  it("leaves no temporary folder behind, after a report, an error or Ctrl-C", async () => {
    const tmp = mkdtempSync(join(dir, "tmp-"));
    const bin = join(repoRoot, "dist", "src", "bin.js");
    const run = (args: string[], interrupt: boolean) =>
      new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
        const child = spawn(process.execPath, [bin, ...args, "--format", "json"], {
          env: { ...process.env, TMPDIR: tmp },
          stdio: "ignore",
        });
        if (interrupt) {
          // Ctrl-C as soon as the archive is being unpacked or read
          const poll = setInterval(() => {
            if (readdirSync(tmp).length > 0) {
              clearInterval(poll);
              child.kill("SIGINT");
            }
          }, 5);
          child.on("exit", () => clearInterval(poll));
        }
        child.on("exit", (code, signal) => resolve({ code, signal }));
      });
    const legacyZip = join(dir, "zip", "legacy.zip");
    assert.equal((await run([legacyZip], false)).code, 0);
    assert.deepEqual(readdirSync(tmp), []);
    assert.equal((await run([join(dir, "link.zip")], false)).code, 2);
    assert.deepEqual(readdirSync(tmp), []);
    const interrupted = await run([legacyZip], true);
    assert.ok(interrupted.signal === "SIGINT" || interrupted.code === 0, JSON.stringify(interrupted));
    assert.deepEqual(readdirSync(tmp), [], "the temporary folder is gone after Ctrl-C");
    assert.ok(existsSync(legacyZip));
  });
});

/**
 * Same keys, runs and values; floating-point figures equal to 1e-12 relative (DuckDB may sum a mean's
 * terms in another order when the files come in another order).
 */
function assertSameRows(
  got: Map<string, Record<string, unknown>>,
  want: Map<string, Record<string, unknown>>,
  what: string,
): void {
  assert.deepEqual([...got.keys()].sort(), [...want.keys()].sort(), `${what}: the same scenarios and runs`);
  for (const [key, w] of want) {
    const g = got.get(key)!;
    assert.deepEqual(Object.keys(g), Object.keys(w));
    for (const k of Object.keys(w)) {
      const [a, b] = [g[k], w[k]];
      if (typeof a === "number" && typeof b === "number" && !Number.isInteger(b))
        assert.ok(Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)), `${what} ${key} ${k}: ${a} vs ${b}`);
      else assert.deepEqual(a, b, `${what} ${key} ${k}`);
    }
  }
}

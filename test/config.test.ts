/**
 * The defaults file .ftparse.yaml (docs/config.md): values fill unset flags, flags win, paths are
 * relative to the file, it is found upward from the current folder, and a bad file is exit 2 naming
 * file and line.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { after, before, describe, it } from "node:test";
import { fixture, repoRoot, runCli } from "./helpers.js";
import { copyScenario, tempDir } from "./history/helpers.js";

let dir: string;
let cleanup: () => Promise<void>;
const scenario = () => join(fixture("samples", "legacy"), "test_fault_scenario[agg-tp-1-dp-1-frontend]");

before(async () => {
  ({ dir, cleanup } = await tempDir());
  const root = await copyScenario(dir);
  assert.equal((await runCli(["ingest", root, "--db", join(dir, "h.duckdb")])).code, 0);
});
after(() => cleanup());

async function config(name: string, text: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
}

describe(".ftparse.yaml", () => {
  it("fills --sla from the file; a flag on the command line wins", async () => {
    const file = await config("sla.yaml", "# team defaults\nsla: 0.5\ntz: UTC\n");
    const fromFile = await runCli([scenario(), "--config", file, "--format", "json"]);
    assert.equal(fromFile.code, 0);
    const [row] = JSON.parse(fromFile.stdout) as Record<string, number>[];
    assert.ok(row!.violations_before! > 0, "every success is slower than 0.5 s");
    const flag = await runCli([scenario(), "--config", file, "--sla", "100", "--format", "json"]);
    assert.equal((JSON.parse(flag.stdout) as Record<string, number>[])[0]!.violations_before, 0);
  });

  it("gives the history commands their store, relative to the file's folder", async () => {
    await mkdir(join(dir, "elsewhere"), { recursive: true });
    const file = await config(".ftparse.yaml", "db: h.duckdb\n");
    const r = await runCli(["runs", "--config", file, "--format", "json"]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as unknown[]).length, 1);
    // found upward from the current folder, with no --config
    const bin = join(repoRoot, "dist", "src", "bin.js");
    const { stdout } = await promisify(execFile)(process.execPath, [bin, "runs", "--format", "json"], {
      cwd: join(dir, "elsewhere"),
      env: { ...process.env, FTPARSE_DB: "" },
    });
    assert.equal((JSON.parse(stdout) as { root: string }[])[0]!.root, join(dir, "run"));
  });

  it("is exit 2 naming the file and line of a bad key or value", async () => {
    const key = await config("key.yaml", "tz: UTC\nslaa: 3\n");
    const r1 = await runCli([scenario(), "--config", key]);
    assert.equal(r1.code, 2);
    assert.match(
      r1.stderr,
      /^ftparse: .*key\.yaml:2: unknown key "slaa"\nhint: keys: tz, sla, window, rules, db, lake/,
    );
    const value = await config("value.yaml", "tz: UTC\n\nwindow: 2.5\n");
    const r2 = await runCli([scenario(), "--config", value]);
    assert.equal(r2.code, 2);
    assert.match(r2.stderr, /value\.yaml:3: window: --window must be a whole number of seconds, got 2\.5/);
    const yaml = await config("broken.yaml", "rules: [a.yaml\n");
    assert.match((await runCli([scenario(), "--config", yaml])).stderr, /broken\.yaml:\d+: not valid YAML/);
    const missing = await runCli([scenario(), "--config", join(dir, "nope.yaml")]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no such config file: .*nope\.yaml/);
  });

  it("gives check its rules files", async () => {
    await writeFile(join(dir, "strict.yaml"), 'rule_sets:\n  default:\n    rules: ["recovery_s <= 0.001"]\n');
    const file = await config("rules.yaml", "rules: strict.yaml\n");
    const r = await runCli(["check", scenario(), "--config", file, "--format", "json", "--no-step-summary"]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /recovery_s/);
  });
});

/**
 * The bench's mixed trees (bench/generate.ts --broken, bench/gen/damage.ts; docs/performance.md):
 * reproducible byte for byte, their undamaged scenarios identical to the clean tree's, every damage
 * listed really changed the scenario, and ftparse reads the tree (exit 0) warning about each
 * damaged client log, so the bench times ftparse on broken input rather than on an error exit.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { after, describe, it } from "node:test";
import { ensureTree, type TreeParams } from "../bench/generate.js";
import { runCli } from "./helpers.js";

const work = mkdtempSync(join(tmpdir(), "ftparse-mixed-"));
after(() => rmSync(work, { recursive: true, force: true }));

const PARAMS: TreeParams = { scenarios: 16, clients: 3, requests: 12, podLogLines: 12, seed: 7 };

/** Every file of a tree, by path relative to it (the marker file left out). */
function files(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name !== ".params.json") out.set(relative(dir, p), readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

describe("bench mixed tree", () => {
  const clean = ensureTree(PARAMS, join(work, "a"));
  const mixed = ensureTree({ ...PARAMS, broken: 50 }, join(work, "a"));
  const again = ensureTree({ ...PARAMS, broken: 50 }, join(work, "b"));
  const damaged = mixed.damaged ?? [];

  it("damages some scenarios, not all", () => {
    assert.ok(damaged.length > 0 && damaged.length < PARAMS.scenarios, `${damaged.length} damaged`);
    for (const d of damaged) assert.ok(d.damages.length >= 1 && d.damages.length <= 3);
  });

  it("is byte-identical when generated again", () => {
    assert.deepEqual(files(again.dir), files(mixed.dir));
  });

  it("leaves undamaged scenarios as in the clean tree and changes the damaged ones", () => {
    const a = files(clean.dir);
    const b = files(mixed.dir);
    const isDamaged = (rel: string) => damaged.some((d) => rel.startsWith(`${d.scenario}/`));
    for (const [rel, bytes] of a) {
      if (!isDamaged(rel)) assert.deepEqual(b.get(rel), bytes, rel);
    }
    for (const d of damaged) {
      const inScenario = (m: Map<string, Buffer>) =>
        [...m]
          .filter(([rel]) => rel.startsWith(`${d.scenario}/`))
          .map(([rel, x]) => `${rel}:${x.toString("hex")}`);
      assert.notDeepEqual(inScenario(b), inScenario(a), `${d.scenario}: ${d.damages.join(", ")}`);
    }
  });

  it("is read by ftparse with a warning for each damaged client log", async () => {
    const r = await runCli([mixed.dir, "--format", "json"]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as unknown[]).length, PARAMS.scenarios);
    const loud = ["truncated-last-line", "garbage-line", "empty-client-log", "nul-bytes"];
    const expected = damaged.filter((d) => d.damages.some((x) => loud.includes(x)));
    assert.ok(expected.length > 0, "no damage that must be warned about: pick another seed");
    for (const d of expected) {
      assert.ok(r.stderr.includes(d.scenario), `no warning names ${d.scenario} (${d.damages.join(", ")})`);
    }
  });
});

/**
 * The corruption suite: a seeded random mix of mutations (one to three per case) applied to a copy of
 * fixtures/edge + fixtures/tz-new-york, each judged by the oracle (oracle.ts) against the clean run.
 * `npm test` runs a small slice (FTPARSE_MUTATIONS mixed cases, default 10); `npm run test:robustness`
 * (FTPARSE_ROBUSTNESS=full) runs every kind alone on two seeds, then 150 mixed cases (about 300
 * mutations); for a longer run:
 *   FTPARSE_MUTATIONS=5000 npm run test:robustness      (FTPARSE_MUTATION_SEED picks another mix)
 * The test prints how many mutations were tried and how many misbehaved; it fails on any misbehaviour,
 * naming the seed so that one case can be replayed alone.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fixture } from "../helpers.js";
import { MUTATIONS } from "./mutations.js";
import { makeBaseline, runCase, type Baseline, type CaseResult } from "./oracle.js";

const FULL = process.env.FTPARSE_ROBUSTNESS === "full";
const CASES = Number(process.env.FTPARSE_MUTATIONS ?? (FULL ? 150 : 10));
const SEED = Number(process.env.FTPARSE_MUTATION_SEED ?? 20251001);
const LONG = CASES > 1000;
const PER_KIND = FULL ? 2 : 0;

function report(seed: number, b: Baseline, r: CaseResult): string {
  return (
    `case seed=${seed} tz=${b.tz} (exit ${r.code})\n  mutations: ${r.description.join("\n             ")}` +
    `\n  problems: ${r.problems.slice(0, 8).join("\n            ")}`
  );
}

describe("corruption suite (seeded mutations)", () => {
  let work: string;
  const baselines: Baseline[] = [];
  before(async () => {
    work = mkdtempSync(join(tmpdir(), "ftparse-mutations-"));
    const sources = [fixture("edge"), fixture("tz-new-york")];
    // 50 MB lines only in the long run; CI uses lines of up to 2 MB (the 50 MB case is a named test)
    const huge = LONG ? 50_000_000 : 2_000_000;
    baselines.push(await makeBaseline(sources, work, "UTC", huge));
    baselines.push(await makeBaseline(sources, work, "America/New_York", huge));
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  // Each kind alone, a few seeds each, so that every kind is exercised on every run.
  for (const m of PER_KIND > 0 ? MUTATIONS : []) {
    it(`${m.name} alone: no misbehaviour`, async () => {
      const failures: string[] = [];
      for (let k = 0; k < PER_KIND; k++) {
        const b = baselines[k % 2]!;
        const r = await runCase(b, SEED * 7 + k, 1 + (k % 2), [m]);
        if (r.problems.length > 0) failures.push(report(SEED * 7 + k, b, r));
      }
      assert.equal(failures.length, 0, failures.join("\n\n"));
    });
  }

  it(`${CASES} cases, seed ${SEED}: no crash, untouched numbers unchanged, every damaged line reported`, async () => {
    let mutations = 0;
    const failures: string[] = [];
    for (let i = 0; i < CASES; i++) {
      const seed = SEED + i;
      const count = 1 + (i % 3);
      const result = await runCase(baselines[i % 2]!, seed, count);
      mutations += result.description.length;
      if (result.problems.length > 0) {
        failures.push(report(seed, baselines[i % 2]!, result));
      }
    }
    process.stdout.write(
      `# mutation suite: ${CASES} cases, ${mutations} mutations tried, ${failures.length} cases misbehaved\n`,
    );
    assert.equal(failures.length, 0, failures.slice(0, 5).join("\n\n"));
  });
});

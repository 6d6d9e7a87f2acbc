/**
 * The report's ingest keeps only what its metrics read (pod log lines that may be ready lines, no
 * Prometheus snapshots) and spreads the work over several DuckDB connections (src/ingest/readers/lanes.ts);
 * a --db store keeps every fact, on one connection, in one transaction. Both must give the same
 * numbers and the same warnings (but the snapshots'), on every fixture.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fixture, runJson } from "../helpers.js";
import { tempDir } from "../history/helpers.js";
import { loadInto, type LoadedDb } from "./load.js";

/** Equal, numbers to 1e-9 relative (sums may add in another order). */
function assertSameRows(a: Record<string, unknown>[], b: Record<string, unknown>[], what: string): void {
  assert.equal(a.length, b.length, `${what}: row count`);
  a.forEach((row, i) => {
    const other = b[i]!;
    assert.deepEqual(Object.keys(row), Object.keys(other), `${what}: keys of row ${i}`);
    for (const [k, v] of Object.entries(row)) {
      const w = other[k];
      if (typeof v === "number" && typeof w === "number")
        assert.ok(Math.abs(v - w) <= 1e-9 * Math.max(1, Math.abs(v)), `${what}: row ${i} ${k}: ${v} vs ${w}`);
      else assert.deepEqual(v, w, `${what}: row ${i} ${k}`);
    }
  });
}

const withoutSnapshots = (stderr: string) =>
  stderr
    .split("\n")
    .filter((l) => !/metrics line skipped/.test(l))
    .join("\n");

describe("the report's lean ingest and a --db store agree", () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  before(async () => ({ dir, cleanup } = await tempDir()));
  after(() => cleanup());

  const trees: [string, string[]][] = [
    ["samples/legacy", ["samples", "legacy"]],
    ["samples/aiperf", ["samples", "aiperf"]],
    ["edge", ["edge"]],
    ["ext", ["ext"]],
    ["layouts/mixed", ["layouts", "mixed"]],
  ];
  for (const [label, parts] of trees) {
    it(`on fixtures/${label}`, async () => {
      const tree = fixture(...parts);
      const report = await runJson([tree, "--extended"]);
      const stored = await runJson([
        tree,
        "--extended",
        "--db",
        join(dir, `${label.replace("/", "-")}.duckdb`),
      ]);
      assert.equal(report.code, stored.code);
      assertSameRows(report.rows, stored.rows, label);
      assert.equal(report.stderr, withoutSnapshots(stored.stderr));
    });
  }
});

describe("what the lean ingest keeps of the pod logs", () => {
  let lean: LoadedDb;
  let full: LoadedDb;
  before(async () => {
    lean = await loadInto([fixture("samples", "legacy")], "UTC", false);
    full = await loadInto([fixture("samples", "legacy")], "UTC", true);
  });
  after(() => {
    lean.db.close();
    full.db.close();
  });

  it("keeps the lines that may be ready lines, and nothing else", async () => {
    const [l] = await lean.q(`SELECT count(*) AS n FROM log_lines`);
    const [f] = await full.q(`SELECT count(*) AS n FROM log_lines`);
    assert.ok(Number(l!.n) > 0 && Number(l!.n) * 10 < Number(f!.n), `kept ${l!.n} of ${f!.n} lines`);
    // every ready line of the full ingest is kept, with the same time and message
    const q = `SELECT scenario_id, service, pod, incarnation, line_no, ts, message FROM log_lines l
               WHERE EXISTS (SELECT 1 FROM ready_patterns r
                             WHERE r.service = l.service AND regexp_matches(l.message, r.pattern))
               ORDER BY ALL`;
    const fullReady = await full.q(q);
    assert.ok(fullReady.length > 0);
    assert.deepEqual(await lean.q(q), fullReady);
  });

  it("finds the same ready lines and reads no Prometheus snapshot", async () => {
    const events = `SELECT scenario_id, ts, kind, service, pod, detail FROM events ORDER BY ALL`;
    assert.deepEqual(await lean.q(events), await full.q(events));
    assert.deepEqual(await lean.q(`SELECT count(*) AS n FROM metrics`), [{ n: 0 }]);
    const [m] = await full.q(`SELECT count(*) AS n FROM metrics`);
    assert.ok(Number(m!.n) > 0);
  });
});

/**
 * The same input gives the same bytes, run after run (docs/metrics.md#fixed-summation-order). Means
 * over floating-point latencies depend on the order their values are added in; that order used to be
 * whichever lane committed its rows first and however DuckDB's threads combined partial sums, so the
 * last digit of a mean changed between runs of one tree.
 *
 * Two proofs on a generated tree (bench/generate.ts, hundreds of requests per scenario): several
 * reports of the same tree, each with its ingest lanes racing, give one output; and a stored run whose
 * rows are rewritten in the opposite order (as if the lanes had committed the other way round) reports
 * the same bytes, for the summary, the repeated-runs aggregate and `trend`.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { DuckDBInstance } from "@duckdb/node-api";
import { ensureTree } from "../bench/generate.js";
import { runCli } from "./helpers.js";

async function ok(args: readonly string[]): Promise<string> {
  const r = await runCli(args);
  assert.equal(r.code, 0, `ftparse ${args.join(" ")}: ${r.stderr}`);
  assert.ok(r.stdout.length > 0);
  return r.stdout;
}

/** Run `sql` statements on a DuckDB file with one thread (so that INSERT … ORDER BY sets storage order). */
async function onFile<T>(
  file: string,
  fn: (run: (sql: string) => Promise<unknown[][]>) => Promise<T>,
): Promise<T> {
  const instance = await DuckDBInstance.create(file, { threads: "1" });
  const conn = await instance.connect();
  try {
    return await fn(async (sql) => (await conn.runAndReadAll(sql)).getRows());
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

describe("byte-identical output whatever order rows are stored and added in", () => {
  let dir: string;
  let tree: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "ftparse-determinism-"));
    // two run folders of the generator's 22 group × failure pairs, 2 clients × 100 requests each
    tree = ensureTree({ scenarios: 44, clients: 2, requests: 100, podLogLines: 10, seed: 7 }, dir).dir;
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("several reports of one tree, lanes racing, give one JSON file", async () => {
    const outputs = [];
    for (let i = 0; i < 3; i++) outputs.push(await ok([tree, "--format", "json"]));
    for (const out of outputs.slice(1)) assert.equal(out, outputs[0]);
  });

  it("a stored run reports the same bytes after its rows are rewritten in reverse order", async () => {
    const db = join(dir, "history.duckdb");
    await ok(["ingest", tree, "--db", db]);
    const reports = async () => ({
      // the tree again with --db: already stored (same fingerprint), so its stored rows are reported
      summary: await ok([tree, "--db", db, "--format", "json"]),
      aggregate: await ok([tree, "--db", db, "--aggregate", "--format", "json"]),
      trend: await ok(["trend", "--db", db, "--metric", "latency_before_s", "--format", "json"]),
    });
    const first = await reports();

    await onFile(db, async (run) => {
      // The test has teeth: on these rows, adding one scenario's latencies front to back and back to
      // front gives different sums for some scenario, so an unordered mean could change with storage order.
      const sums = await run(`
        SELECT count(*) FILTER (WHERE forward <> backward) FROM (
          SELECT list_sum(list(latency_s ORDER BY file, line_no, attempt)) AS forward,
                 list_sum(list(latency_s ORDER BY file DESC, line_no DESC, attempt DESC)) AS backward
          FROM requests WHERE success GROUP BY scenario_id)`);
      assert.ok(Number(sums[0]![0]) > 0, "no scenario's sum depends on the order: the test proves nothing");
      await run("CREATE TEMP TABLE r AS SELECT * FROM requests");
      await run("DELETE FROM requests");
      await run(
        "INSERT INTO requests SELECT * FROM r ORDER BY scenario_id DESC, file DESC, line_no DESC, attempt DESC",
      );
      await run("CREATE TEMP TABLE m AS SELECT * FROM scenario_metrics");
      await run("DELETE FROM scenario_metrics");
      await run("INSERT INTO scenario_metrics SELECT * FROM m ORDER BY scenario_id DESC, metric DESC");
      await run("CHECKPOINT");
    });

    const reversed = await reports();
    assert.equal(reversed.summary, first.summary);
    assert.equal(reversed.aggregate, first.aggregate);
    assert.equal(reversed.trend, first.trend);
    // and the stored run reports what the in-memory report of the same tree does
    assert.equal(first.summary, await ok([tree, "--format", "json"]));
  });
});

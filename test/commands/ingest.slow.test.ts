/**
 * `ftparse ingest` and `ftparse PATH --db`: one run per tree, idempotent by content, one transaction
 * (a failing or killed ingest leaves the database as it was).
 */
import assert from "node:assert/strict";
import { appendFile, readFile, rm, truncate, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { ingest } from "../../src/commands/ingest.js";
import { Db } from "../../src/db.js";
import { querySource } from "../../src/queries.js";
import { openDatabase } from "../../src/schema.js";
import { recordingEffects } from "../../src/effects.js";
import type { FtparseError } from "../../src/errors.js";
import { Warnings } from "../../src/messages.js";
import { runCli, runJson } from "../helpers.js";
import {
  child,
  contentDigest,
  copyScenario,
  exited,
  frontendScenario,
  legacy,
  runCount,
  tempDir,
} from "../history/helpers.js";

let dir: string;
let cleanup: () => Promise<void>;
before(async () => ({ dir, cleanup } = await tempDir()));
after(() => cleanup());

describe("ftparse ingest PATH… --db FILE", () => {
  it("adds one run per tree, with labels, and says so when a tree is unchanged", async () => {
    const db = join(dir, "idempotent.duckdb");
    const first = await runJson([
      "ingest",
      legacy,
      "--db",
      db,
      "--label",
      "commit=abc",
      "--label",
      "branch=main",
    ]);
    assert.equal(first.code, 0);
    assert.equal(first.rows.length, 1);
    const run = first.rows[0]!;
    assert.equal(run.status, "added");
    assert.deepEqual(run.labels, { commit: "abc", branch: "main" });
    assert.equal(run.scenarios, 8);
    assert.equal(run.source_files, 184);
    assert.match(String(run.fingerprint), /^sha256:/);
    assert.match(first.stderr, /client_3\.log\.txt:100: line skipped/);
    const before = await contentDigest(db);

    const again = await runJson(["ingest", legacy, "--db", db, "--label", "commit=other"]);
    assert.equal(again.code, 0);
    assert.deepEqual(
      again.rows.map((r) => [r.run_id, r.status, r.labels]),
      [[1, "unchanged", { commit: "abc", branch: "main" }]],
    );
    assert.match(
      again.stderr,
      /^note: .*legacy is unchanged since run 1, ingested 2026-01-01T00:00:00\.000Z: nothing to do \(its labels and name stay as they were\)$/m,
    );
    assert.doesNotMatch(again.stderr, /line skipped/);
    assert.deepEqual(await contentDigest(db), before);
  });

  it("adds a new run when the tree changed, and one per tree given", async () => {
    const db = join(dir, "changed.duckdb");
    const root = await copyScenario(dir, frontendScenario, "changing");
    assert.equal((await runCli(["ingest", root, "--db", db])).code, 0);
    await appendFile(join(root, frontendScenario, "client_0.log.txt"), "\n");
    const second = await runJson(["ingest", root, "--db", db]);
    assert.deepEqual(
      second.rows.map((r) => [r.run_id, r.status]),
      [[2, "added"]],
    );
    const tz = await runJson(["ingest", root, "--db", db, "--tz", "Europe/Berlin"]);
    assert.deepEqual(
      tz.rows.map((r) => [r.run_id, r.status, r.tz]),
      [[3, "added", "Europe/Berlin"]],
    );
    const other = await copyScenario(dir, "test_fault_scenario[agg-tp-1-dp-1-none]", "other");
    const both = await runJson(["ingest", root, other, "--db", db]);
    assert.deepEqual(both.rows.map((r) => [r.run_id, r.status]).sort(), [
      [2, "unchanged"],
      [4, "added"],
    ]);
  });

  it("names a run with --run-id, once", async () => {
    const db = join(dir, "named.duckdb");
    const root = await copyScenario(dir, frontendScenario, "named");
    const named = await runJson(["ingest", root, "--db", db, "--run-id", "nightly-2026-01-05"]);
    assert.equal(named.rows[0]!.run_name, "nightly-2026-01-05");
    await appendFile(join(root, frontendScenario, "client_1.log.txt"), "\n");
    const taken = await runCli(["ingest", root, "--db", db, "--run-id", "nightly-2026-01-05"]);
    assert.equal(taken.code, 2);
    assert.match(taken.stderr, /--run-id nightly-2026-01-05 is already used by run 1 "nightly-2026-01-05"/);
    const bad = await runCli(["ingest", root, "--db", db, "--run-id", "latest"]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--run-id "latest" is not a usable name/);
    // an all-digit name would shadow run numbers (`compare 2 3`)
    const digits = await runCli(["ingest", root, "--db", db, "--run-id", "2"]);
    assert.equal(digits.code, 2);
    assert.match(digits.stderr, /--run-id "2" is not a usable name .*not all digits/);
    const two = await runCli(["ingest", root, legacy, "--db", db, "--run-id", "x"]);
    assert.equal(two.code, 2);
    assert.match(two.stderr, /--run-id names one run, but the paths hold 2 results trees/);
    assert.equal(await runCount(db), 1);
  });

  it("without PATHs creates or upgrades the file and says it is up to date", async () => {
    const db = join(dir, "empty.duckdb");
    const r = await runCli(["ingest", "--db", db]);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, /is up to date/);
    assert.equal(await runCount(db), 0);
  });
});

describe("ingest is one transaction", () => {
  it("leaves the database as it was when the ingest fails half-way", async () => {
    const db = join(dir, "failing.duckdb");
    await runCli(["ingest", join(legacy, frontendScenario), "--db", db]);
    const before = await contentDigest(db);
    const rec = recordingEffects(new Warnings());
    const options = { db, format: "json" as const, tz: "UTC", labels: {}, waitSeconds: 0, strict: false };
    const other = join(legacy, "test_fault_scenario[agg-tp-1-dp-1-none]");
    await assert.rejects(
      ingest({ ...options, paths: [other, legacy] }, rec.effects, {
        afterRun: async (runId) => {
          if (runId === 3) throw new Error("disk full (simulated)");
        },
      }),
      /disk full/,
    );
    assert.deepEqual(await contentDigest(db), before);
    // and the file still takes new runs
    const ok = await runJson(["ingest", other, "--db", db]);
    assert.deepEqual(
      ok.rows.map((r) => [r.status, r.scenarios]),
      [["added", 1]],
    );
    assert.equal(await runCount(db), 2);
  });

  it("leaves the database as it was when the process is killed mid-ingest", async () => {
    const db = join(dir, "killed.duckdb");
    await runCli(["ingest", join(legacy, frontendScenario), "--db", db]);
    const before = await contentDigest(db);
    // A second process ingests the whole sample tree and is killed (SIGKILL: no cleanup at all)
    // while its transaction holds the new run's rows.
    const proc = child(`
      const { ingest } = await import(dist + "/commands/ingest.js");
      const { defaultEffects } = await import(dist + "/effects.js");
      const { Warnings } = await import(dist + "/messages.js");
      setInterval(() => {}, 1000);
      await ingest(
        { paths: [${JSON.stringify(legacy)}], db: ${JSON.stringify(db)}, format: "json", tz: "UTC", labels: {},
          waitSeconds: 0, strict: false },
        defaultEffects(new Warnings()),
        { afterRun: async () => { process.stdout.write("WRITTEN\\n"); await new Promise(() => {}); } },
      );
    `);
    await proc.waitFor("WRITTEN");
    proc.kill("SIGKILL");
    await exited(proc);
    assert.deepEqual(await contentDigest(db), before);
    const again = await runJson(["ingest", legacy, "--db", db]);
    assert.deepEqual(
      again.rows.map((r) => [r.status, r.scenarios]),
      [["added", 8]],
    );
  });
});

describe("a tree that changes while it is read", () => {
  it("is not stored: exit 2 naming the file, and the restored tree is ingested later", async () => {
    const db = join(dir, "changing.duckdb");
    const root = await copyScenario(dir, frontendScenario, "changing");
    const log = join(root, frontendScenario, "client_3.log.txt");
    const whole = await readFile(log);
    const rec = recordingEffects(new Warnings());
    const options = { db, format: "json" as const, tz: "UTC", labels: {}, waitSeconds: 0, strict: false };
    // The hook runs after the run's rows were read, inside the transaction: the suite still writing.
    await assert.rejects(
      ingest({ ...options, paths: [root] }, rec.effects, {
        afterRun: () => truncate(log, Math.floor(whole.length * 0.7)),
      }),
      (e: FtparseError) => {
        assert.equal(e.exitCode, 2);
        assert.equal(e.message, `${log} changed while it was read: nothing was stored`);
        return true;
      },
    );
    assert.equal(await runCount(db), 0);
    await writeFile(log, whole);
    const again = await runJson(["ingest", root, "--db", db]);
    assert.deepEqual(
      again.rows.map((r) => [r.status, r.scenarios]),
      [["added", 1]],
    );
  });
});

describe("rows of a run that never committed", () => {
  it("are deleted when the file is next opened writable", async () => {
    const db = join(dir, "orphans.duckdb");
    assert.equal((await runCli(["ingest", join(legacy, frontendScenario), "--db", db])).code, 0);
    const before = await contentDigest(db);
    assert.equal((await runCli(["ingest", legacy, "--db", db])).code, 0);
    // What a kill during DuckDB's commit has left: a run's rows without its `runs` row.
    const raw = await Db.open({ path: db });
    try {
      await raw.sql("DELETE FROM runs WHERE run_id = 2");
    } finally {
      raw.close();
    }
    const stray = async () =>
      (
        await runJson([
          "query",
          "--db",
          db,
          "SELECT (SELECT count(*) FROM scenarios WHERE run_id = 2) + (SELECT count(*) FROM requests WHERE scenario_id > 1) + (SELECT count(*) FROM ingest_issues WHERE run_id = 2) AS n",
        ])
      ).rows[0]!.n;
    assert.ok(Number(await stray()) > 8000);
    assert.equal((await runCli(["ingest", "--db", db])).code, 0);
    assert.equal(await stray(), 0);
    const after = await contentDigest(db);
    for (const table of Object.keys(before).filter((t) => t !== "schema_version"))
      assert.equal(after[table], before[table], table);
  });

  it("are looked for in every table that names a run or a scenario", async () => {
    const db = await openDatabase();
    try {
      const keyed = await db.sql(
        "SELECT DISTINCT table_name FROM duckdb_columns() WHERE table_name IN (SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' AND NOT temporary) AND column_name IN ('run_id', 'scenario_id') AND table_name <> 'runs' ORDER BY 1",
      );
      const text = querySource("delete_orphans");
      assert.ok(keyed.length >= 10);
      for (const { table_name } of keyed)
        assert.match(text, new RegExp(`DELETE FROM ${String(table_name)}\\b`), String(table_name));
    } finally {
      db.close();
    }
  });
});

describe("ftparse PATH --db FILE", () => {
  it("keeps the run and prints the same summary as without --db, every time", async () => {
    const db = join(dir, "main.duckdb");
    const plain = await runJson([legacy]);
    const first = await runJson([legacy, "--db", db]);
    const second = await runJson([legacy, "--db", db]);
    assert.equal(first.code, 0);
    assert.equal(second.code, 0);
    // (means may differ in the last bits: DuckDB sums in parallel, in no fixed order)
    assert.deepEqual(rounded(first.rows), rounded(plain.rows));
    assert.deepEqual(rounded(second.rows), rounded(plain.rows));
    assert.match(second.stderr, /is unchanged since run 1/);
    assert.match(second.stderr, /client_3\.log\.txt:100: line skipped/);
    assert.equal(await runCount(db), 1);
    await rm(db);
  });
});

function rounded(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  return rows.map((r) =>
    Object.fromEntries(
      Object.entries(r).map(([k, v]) => [k, typeof v === "number" ? Number(v.toFixed(9)) : v]),
    ),
  );
}

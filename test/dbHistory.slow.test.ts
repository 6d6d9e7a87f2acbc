/**
 * schema.ts: schema versions and migrations (a file from the first schema opens with this ftparse),
 * open errors a user can cause, and a file locked by another process.
 */
import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { latestSchemaVersion, migrations, openDatabase } from "../src/schema.js";
import { recordingEffects } from "../src/effects.js";
import { main } from "../src/cli.js";
import { Warnings } from "../src/messages.js";
import { assertFtparseError, runCli, runJson } from "./helpers.js";
import { child, exited, legacy, tempDir, v1Database } from "./history/helpers.js";

let dir: string;
let cleanup: () => Promise<void>;
before(async () => ({ dir, cleanup } = await tempDir()));
after(() => cleanup());

const columnsQuery =
  "SELECT table_name, column_name, data_type, column_index FROM duckdb_columns() " +
  "WHERE database_name = current_database() AND schema_name = 'main' ORDER BY table_name, column_index";

describe("openDatabase(path) on a schema-version-1 file (fixtures/history/v1.duckdb.gz)", () => {
  it("migrates it to the latest version and records how", async () => {
    const path = await v1Database(dir);
    const db = await openDatabase({ path, readOnly: true });
    try {
      const versions = await db.sql("SELECT version, name, via FROM schema_version ORDER BY version");
      assert.deepEqual(versions, [
        { version: 1, name: "schema", via: "found" },
        ...migrations().map((m) => ({ version: m.version, name: m.name, via: "migration" })),
      ]);
      assert.equal(latestSchemaVersion(), 3);
    } finally {
      db.close();
    }
  });

  it("keeps the old runs queryable, with the reference numbers and stored metrics", async () => {
    const path = await v1Database(dir);
    const { code, rows } = await runJson(["runs", "--db", path]);
    assert.equal(code, 0);
    assert.deepEqual(
      rows.map((r) => [r.run_id, r.labels, r.scenarios, r.fingerprint]),
      [
        [1, { commit: "aaa1111" }, 8, null],
        [2, { commit: "bbb2222" }, 1, null],
      ],
    );
    const trend = await runJson(["trend", "--db", path, "--metric", "recovery_s", "--failure", "frontend"]);
    const frontend = trend.rows.filter((r) => r.test_group === "agg-tp-1-dp-1");
    assert.deepEqual(
      frontend.map((r) => [r.run_id, Number(r.value).toFixed(6)]),
      [
        [1, "3.644982"],
        [2, "3.644982"],
      ],
    );
    const summary = await runJson([
      "query",
      "--db",
      path,
      "SELECT * FROM summary WHERE run_id = 1 AND failure = 'decode_worker_pod'",
    ]);
    assert.equal(summary.rows[0]!.success_after, 193);
    assert.equal(summary.rows[0]!.failed_after, 574);
  });

  it("ends with exactly the tables and columns of a new database", async () => {
    const path = await v1Database(dir);
    const migrated = await openDatabase({ path });
    const fresh = await openDatabase({ path: join(dir, "fresh.duckdb") });
    try {
      assert.deepEqual(await migrated.sql(columnsQuery), await fresh.sql(columnsQuery));
    } finally {
      migrated.close();
      fresh.close();
    }
  });

  it("accepts new runs after the upgrade, idempotently", async () => {
    const path = await v1Database(dir);
    const first = await runJson(["ingest", legacy, "--db", path]);
    assert.equal(first.code, 0);
    assert.deepEqual(
      first.rows.map((r) => [r.run_id, r.status]),
      [[3, "added"]],
    );
    const again = await runJson(["ingest", legacy, "--db", path]);
    assert.deepEqual(
      again.rows.map((r) => [r.run_id, r.status]),
      [[3, "unchanged"]],
    );
  });
});

describe("openDatabase(path) and the stored metrics", () => {
  it("recomputes a run's stored metrics when they came from other metric SQL", async () => {
    const path = await v1Database(dir);
    (await openDatabase({ path })).close();
    const writer = await openDatabase({ path });
    await writer.sql("UPDATE runs SET metrics_version = 'older-sql' WHERE run_id = 2");
    await writer.sql("UPDATE scenario_metrics SET value = -1 WHERE metric = 'recovery_s'");
    writer.close();
    const reader = await openDatabase({ path, readOnly: true });
    try {
      const rows = await reader.sql(
        "SELECT run_id, metrics_version = getvariable('metrics_version') AS current, " +
          "min(value) FILTER (WHERE metric = 'recovery_s') AS recovery FROM runs JOIN metric_history USING (run_id) GROUP BY ALL ORDER BY run_id",
      );
      // run 2 was recomputed (its recovery is back); run 1 was current, so it was left alone
      assert.deepEqual(
        rows.map((r) => [r.run_id, r.current, Number(Number(r.recovery).toFixed(6))]),
        [
          [1, true, -1],
          [2, true, 3.644982],
        ],
      );
    } finally {
      reader.close();
    }
  });
});

describe("openDatabase(path) errors", () => {
  it("refuses a file written by a newer ftparse", async () => {
    const path = join(dir, "newer.duckdb");
    const db = await openDatabase({ path });
    await db.sql("INSERT INTO schema_version VALUES (99, 'future', 'migration', now(), '9.9.9')");
    db.close();
    await assertFtparseError(
      () => openDatabase({ path, readOnly: true }),
      2,
      /written by a newer ftparse \(schema version 99; this one knows up to 3\)/,
    );
  });

  it("names a file that is not a DuckDB database", async () => {
    const path = join(dir, "not-a-db.duckdb");
    await writeFile(path, "hello, I am text\n".repeat(1000));
    const r = await runCli(["runs", "--db", path]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^ftparse: cannot open the database .*not-a-db\.duckdb: /m);
    assert.doesNotMatch(r.stderr, /at .*\.js/);
  });

  it("says when a database to read does not exist", async () => {
    const r = await runCli(["trend", "--metric", "recovery_s", "--db", join(dir, "missing.duckdb")]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no database at .*missing\.duckdb\nhint: create it with `ftparse ingest/);
  });

  it("asks for --db", async () => {
    const saved = process.env.FTPARSE_DB;
    delete process.env.FTPARSE_DB;
    try {
      const r = await runCli(["runs"]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /ftparse runs needs a database: --db FILE \(or FTPARSE_DB=FILE\)/);
    } finally {
      if (saved !== undefined) process.env.FTPARSE_DB = saved;
    }
  });
});

describe("a database used by another process", () => {
  /** A second process that opens the file (writable or not) and holds it until told to let go. */
  const holder = (path: string, readOnly: boolean) =>
    child(`
      const { openDatabase } = await import(dist + "/schema.js");
      const db = await openDatabase({ path: ${JSON.stringify(path)}, readOnly: ${readOnly} });
      process.stdout.write("HOLDING\\n");
      process.stdin.once("data", () => { db.close(); process.exit(0); });
    `);

  it("fails at once with a clear message under --wait 0", async () => {
    const path = join(dir, "locked.duckdb");
    assert.equal((await runCli(["ingest", legacy, "--db", path])).code, 0);
    const proc = holder(path, false);
    try {
      await proc.waitFor("HOLDING");
      for (const args of [
        ["runs"],
        ["ingest", legacy],
        ["trend", "--metric", "recovery_s"],
        ["query", "SELECT 1"],
      ]) {
        const r = await runCli([...args, "--db", path, "--wait", "0"]);
        assert.equal(r.code, 2, args.join(" "));
        assert.match(
          r.stderr,
          /^ftparse: the database .*locked\.duckdb is in use by another process \(PID \d+\)$/m,
        );
        assert.match(r.stderr, /^hint: .*--wait SECONDS/m);
        assert.doesNotMatch(r.stderr, /internal error|at .*\.js/);
      }
    } finally {
      proc.stdin.write("go\n");
      await exited(proc);
    }
  });

  it("waits with --wait and goes on once the other process is done", async () => {
    const path = join(dir, "locked.duckdb");
    const proc = holder(path, false);
    await proc.waitFor("HOLDING");
    const warnings = new Warnings();
    const rec = recordingEffects(warnings);
    const pending = main(["runs", "--db", path, "--wait", "60", "--format", "json"], rec.effects);
    // Let the other process go only once we are waiting for it.
    while (!rec.stderr().includes("waiting up to 60 s")) await new Promise((r) => setTimeout(r, 20));
    proc.stdin.write("go\n");
    await exited(proc);
    assert.equal(await pending, 0);
    assert.match(
      rec.stderr(),
      /^note: .*locked\.duckdb is in use by another process \(PID \d+\); waiting up to 60 s…$/m,
    );
    assert.equal((JSON.parse(rec.stdout()) as unknown[]).length, 1);
  });

  it("lets readers read together, and keeps a writer out while they do", async () => {
    const path = join(dir, "locked.duckdb");
    const proc = holder(path, true);
    try {
      await proc.waitFor("HOLDING");
      const read = await runJson(["runs", "--db", path, "--wait", "0"]);
      assert.equal(read.code, 0);
      assert.equal(read.rows.length, 1);
      const write = await runCli(["ingest", legacy, "--db", path, "--wait", "0"]);
      assert.equal(write.code, 2);
      assert.match(write.stderr, /is in use by another process/);
    } finally {
      proc.stdin.write("go\n");
      await exited(proc);
    }
  });
});

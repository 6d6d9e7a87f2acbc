/**
 * The commands that read a history database: runs, trend, compare, query, export. One database for
 * all: run 1 = the legacy samples (commit=aaa); run 2 "nightly-2" = the agg-tp-1-dp-1 frontend
 * scenario again with half of its clients gone (commit=bbb), so that its success counts regress.
 */
import assert from "node:assert/strict";
import { readFile, readdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { tableFromIPC } from "apache-arrow";
import { openDatabase } from "../../src/schema.js";
import { runCli, runJson } from "../helpers.js";
import { copyScenario, frontendScenario, legacy, tempDir } from "../history/helpers.js";

let dir: string;
let cleanup: () => Promise<void>;
let db: string;
before(async () => {
  ({ dir, cleanup } = await tempDir());
  db = join(dir, "history.duckdb");
  assert.equal((await runCli(["ingest", legacy, "--db", db, "--label", "commit=aaa"])).code, 0);
  const root = await copyScenario(dir, frontendScenario, "half");
  for (const n of [0, 1, 2, 3, 4]) await rm(join(root, frontendScenario, `client_${n}.log.txt`));
  const second = ["ingest", root, "--db", db, "--label", "commit=bbb", "--run-id", "nightly-2"];
  assert.equal((await runCli(second)).code, 0);
});
after(() => cleanup());

describe("ftparse runs", () => {
  it("lists the runs oldest first, with the documented JSON keys", async () => {
    const { code, rows } = await runJson(["runs", "--db", db]);
    assert.equal(code, 0);
    assert.deepEqual(
      rows.map((r) => [r.run_id, r.run_name, r.labels, r.scenarios, r.issues]),
      [
        [1, null, { commit: "aaa" }, 8, 1],
        [2, "nightly-2", { commit: "bbb" }, 1, 0],
      ],
    );
    for (const key of ["run_id", "root", "ingested_at", "labels", "started_at", "fingerprint"]) {
      assert.ok(key in rows[0]!, key);
    }
    assert.equal(rows[0]!.started_at, "2025-09-24T18:00:10.000Z");
    assert.equal(rows[0]!.ingested_at, "2026-01-01T00:00:00.000Z");
  });

  it("filters by label and keeps the last N", async () => {
    assert.deepEqual(
      (await runJson(["runs", "--db", db, "--label", "commit=bbb"])).rows.map((r) => r.run_id),
      [2],
    );
    assert.deepEqual(
      (await runJson(["runs", "--db", db, "--last", "1"])).rows.map((r) => r.run_id),
      [2],
    );
  });

  it("prints a table and CSV", async () => {
    const table = await runCli(["runs", "--db", db, "--format", "table"]);
    assert.match(
      table.stdout,
      /│ +1 │ +│ 2025-09-24 18:00:10Z │ 2026-01-01 00:00:00Z │ commit=aaa │ +8 │ +1 │/,
    );
    assert.match(table.stdout, /│ +2 │ nightly-2 │/);
    const csv = await runCli(["runs", "--db", db, "--format", "csv"]);
    const lines = csv.stdout.trim().split("\r\n");
    assert.equal(
      lines[0],
      "run_id,run_name,root,started_at,ingested_at,labels,scenarios,issues,fingerprint,source_files,source_bytes,tool_version,tz",
    );
    assert.equal(lines.length, 3);
    assert.match(lines[2]!, /^2,nightly-2,.*"\{""commit"":""bbb""\}"/);
  });
});

describe("ftparse trend", () => {
  it("gives a metric per run, group and failure, with the change from the previous run", async () => {
    const { code, rows } = await runJson([
      "trend",
      "--db",
      db,
      "--metric",
      "success_after",
      "--group",
      "agg-tp-1-dp-1",
      "--failure",
      "frontend",
    ]);
    assert.equal(code, 0);
    assert.deepEqual(
      rows.map((r) => [
        r.run_id,
        r.run_name,
        r.test_group,
        r.failure,
        r.metric,
        r.value,
        r.delta,
        r.scenarios,
      ]),
      [
        [1, null, "agg-tp-1-dp-1", "frontend", "success_after", 314, null, 1],
        [2, "nightly-2", "agg-tp-1-dp-1", "frontend", "success_after", 156, -158, 1],
      ],
    );
    assert.deepEqual(Object.keys(rows[0]!), [
      "run_id",
      "run_name",
      "run_time",
      "labels",
      "test_group",
      "failure",
      "metric",
      "value",
      "delta",
      "scenarios",
    ]);
  });

  it("takes globs and --last", async () => {
    const all = await runJson(["trend", "--db", db, "--metric", "recovery_s", "--group", "disagg-*"]);
    assert.deepEqual(
      all.rows.map((r) => r.failure),
      ["frontend", "decode_worker", "prefill_worker"],
    );
    const last = await runJson(["trend", "--db", db, "--metric", "recovery_s", "--last", "1"]);
    assert.deepEqual(
      last.rows.map((r) => [r.run_id, r.failure]),
      [[2, "frontend"]],
    );
  });

  it("prints one table per group: a row per run, a column per failure", async () => {
    const { stdout } = await runCli([
      "trend",
      "--db",
      db,
      "--metric",
      "success_after",
      "--group",
      "agg-tp-1-dp-1",
      "--format",
      "table",
    ]);
    assert.match(stdout, /success_after — Test Group: agg-tp-1-dp-1/);
    assert.match(stdout, /│ Run │ Name +│ Started +│ Labels +│ none │ +frontend │ decode_worker_pod │/);
    assert.match(stdout, /│ +1 │ +│ 2025-09-24 18:00:10Z │ commit=aaa │ +N\/A │ +314 │ +193 │/);
    assert.match(
      stdout,
      /│ +2 │ nightly-2 │ 2025-09-24 18:10:25Z │ commit=bbb │ +N\/A │ 156 \(-158\) │ +N\/A │/,
    );
  });

  it("rejects an unknown metric, listing the known ones", async () => {
    const r = await runCli(["trend", "--db", db, "--metric", "recovery"]);
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /unknown metric "recovery" \(did you mean recovery_s\?\) \(known: startup_s, success_before, failed_before, success_after, failed_after, latency_before_s, latency_after_s, recovery_s, p50_before_s, .*ttfs_s, recovered_s, .*component_ready_s\)/,
    );
  });

  it("writes a Vega-Lite chart with the data bound", async () => {
    const chart = join(dir, "charts", "recovery.vl.json");
    assert.equal((await runCli(["trend", "--db", db, "--metric", "recovery_s", "--chart", chart])).code, 0);
    const spec = JSON.parse(await readFile(chart, "utf8")) as {
      $schema: string;
      mark: { type: string };
      encoding: { y: { field: string; title: string } };
      data: { values: Record<string, unknown>[] };
    };
    assert.equal(spec.$schema, "https://vega.github.io/schema/vega-lite/v5.json");
    assert.equal(spec.mark.type, "line");
    assert.equal(spec.encoding.y.field, "value");
    assert.equal(spec.encoding.y.title, "recovery_s");
    assert.equal(spec.data.values.length, 9);
    assert.deepEqual(Object.keys(spec.data.values[0]!), [
      "run_id",
      "run_name",
      "run_time",
      "labels_text",
      "test_group",
      "failure",
      "value",
      "delta",
    ]);
  });
});

describe("ftparse compare A B", () => {
  it("gives every metric of both runs with the change and the regressions", async () => {
    const { code, rows } = await runJson(["compare", "1", "nightly-2", "--db", db]);
    assert.equal(code, 0);
    const all = rows.filter((r) => r.test_group === "agg-tp-1-dp-1" && r.failure === "frontend");
    // the extended figures (docs/metrics.md#extended) are compared too, after the reference columns
    assert.ok(
      ["ttfs_s", "recovered_s", "outage_total_s", "success_rate_after"].every((m) =>
        all.some((r) => r.metric === m),
      ),
    );
    const frontend = all.slice(0, 8);
    assert.deepEqual(
      frontend.map((r) => [r.metric, r.a, r.b, r.status]),
      [
        ["startup_s", 166, 166, "same"],
        // half the clients: another load, so counts are shown but not judged (docs/compare.md)
        ["success_before", 235, 119, "load_differs"],
        ["failed_before", 0, 0, "same"],
        ["success_after", 314, 156, "load_differs"],
        ["failed_after", 450, 225, "load_differs"],
        ["latency_before_s", frontend[5]!.a, frontend[5]!.b, "same"],
        ["latency_after_s", frontend[6]!.a, frontend[6]!.b, "same"],
        ["recovery_s", 3.644982, 3.644982, "same"],
      ],
    );
    const successAfter = frontend.find((r) => r.metric === "success_after")!;
    assert.deepEqual(
      [
        successAfter.delta,
        Number(Number(successAfter.delta_ratio).toFixed(4)),
        successAfter.better,
        successAfter.regression,
      ],
      [-158, -0.5032, "higher", false],
    );
    const missing = rows.filter((r) => r.test_group === "agg-tp-1-dp-2");
    assert.ok(missing.length > 0 && missing.every((r) => r.status === "missing_b" || r.status === "same"));
  });

  it("knows latest and latest~N, and a threshold", async () => {
    const strict = await runJson([
      "compare",
      "latest~1",
      "latest",
      "--db",
      db,
      "--threshold",
      "60",
      "--metric",
      "success_after",
      "--counts",
    ]);
    assert.deepEqual(
      strict.rows.filter((r) => r.b !== null).map((r) => [r.failure, r.metric, r.status]),
      [["frontend", "success_after", "same"]],
    );
  });

  it("exits 1 with --fail-on-regression when something regressed, 0 otherwise", async () => {
    const args = ["compare", "1", "2", "--db", db, "--counts", "--fail-on-regression", "--format", "json"];
    const bad = await runCli(args);
    assert.equal(bad.code, 1);
    assert.match(
      bad.stderr,
      /^2 regressions beyond 10 % and 1 s, 1 pp \(run 1 \(2025-09-24 18:00:10Z, commit=aaa\) → run 2 "nightly-2"/m,
    );
    const same = await runCli(["compare", "2", "2", "--db", db, "--fail-on-regression", "--format", "json"]);
    assert.equal(same.code, 0);
  });

  it("prints tables per group, a scenario missing in one run as one line", async () => {
    const { stdout } = await runCli(["compare", "1", "2", "--db", db, "--format", "table"]);
    assert.match(
      stdout,
      /^A = run 1 \(2025-09-24 18:00:10Z, commit=aaa\)\nB = run 2 "nightly-2" \(2025-09-24 18:10:25Z, commit=bbb\)\n/,
    );
    assert.match(stdout, /│ frontend +│ success_after +│ +314 │ +156 │ +-158 │ +-50\.32 % │ load differs +│/);
    assert.match(stdout, /│ decode_worker_pod │ \(every metric\) +│( +│){4} only in run A │/);
  });

  it("says which run it does not know", async () => {
    const r = await runCli(["compare", "1", "nightly-99", "--db", db]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no run "nightly-99" in this database\nhint: /);
  });
});

describe("ftparse query", () => {
  it("runs SQL over the documented views", async () => {
    for (const view of ["summary", "history_metrics", "run_overview", "metric_history"]) {
      const { code, rows } = await runJson(["query", "--db", db, `SELECT count(*) AS n FROM ${view}`]);
      assert.equal(code, 0, view);
      assert.ok(Number(rows[0]!.n) > 0, view);
    }
    const { rows } = await runJson([
      "query",
      "--db",
      db,
      "SELECT run_id, labels['commit'] AS commit, value FROM metric_history WHERE metric = 'success_after' AND failure = 'frontend' AND test_group = 'agg-tp-1-dp-1' ORDER BY run_id",
    ]);
    assert.deepEqual(rows, [
      { run_id: 1, commit: "aaa", value: 314 },
      { run_id: 2, commit: "bbb", value: 156 },
    ]);
  });

  it("reads SQL from a file and prints CSV and tables", async () => {
    const file = join(dir, "q.sql");
    await writeFile(
      file,
      "-- two statements: the last one's rows are printed\nSET VARIABLE x = 2;\nSELECT getvariable('x') AS x, 'a,b' AS s;\n",
    );
    const csv = await runCli(["query", "--db", db, "--file", file, "--format", "csv"]);
    assert.equal(csv.stdout, 'x,s\r\n2,"a,b"\r\n');
    const empty = await runCli(["query", "--db", db, "SELECT 1 AS one WHERE false", "--format", "csv"]);
    assert.equal(empty.stdout, "one\r\n");
  });

  it("runs the example queries shipped in queries/examples", async () => {
    const { readdir } = await import("node:fs/promises");
    const { repoRoot } = await import("../helpers.js");
    const examples = join(repoRoot, "queries", "examples");
    const files = (await readdir(examples)).filter((f) => f.endsWith(".sql"));
    assert.ok(files.length >= 2);
    for (const f of files) {
      const r = await runJson(["query", "--db", db, "--file", join(examples, f)]);
      assert.equal(r.code, 0, `${f}: ${r.stderr}`);
      assert.ok(r.rows.length > 0, f);
    }
  });

  it("cannot change the database, and reports bad SQL without a stack trace", async () => {
    const write = await runCli(["query", "--db", db, "DELETE FROM runs"]);
    assert.equal(write.code, 2);
    assert.match(
      write.stderr,
      /^ftparse: query failed: .*read-only mode!\nhint: ftparse query opens the database read-only/m,
    );
    const bad = await runCli(["query", "--db", db, "SELEC 1"]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^ftparse: query failed: .*syntax error at or near "SELEC"/m);
    assert.doesNotMatch(bad.stderr + write.stderr, /at .*\.js/);
    assert.equal((await runJson(["runs", "--db", db])).rows.length, 2);
  });
});

describe("ftparse query is confined to the database", () => {
  const attacks: [string, (other: string) => string, RegExp][] = [
    ["COPY over the store", () => `COPY (SELECT 1 AS a) TO '${db}' (FORMAT csv)`, /Permission Error/],
    ["read another file", () => "SELECT * FROM read_text('/etc/hostname')", /Permission Error/],
    ["list files", () => "SELECT * FROM glob('/etc/*')", /Permission Error/],
    ["attach a database to write", (o) => `ATTACH '${o}' AS o (READ_WRITE)`, /Permission Error/],
    ["turn access back on", () => "SET enable_external_access = true", /has been locked/],
    ["reset the setting", () => "RESET enable_external_access", /has been locked/],
    ["unlock", () => "SET lock_configuration = false", /has been locked/],
    ["load an extension", () => "LOAD httpfs", /Permission Error|disabled/],
  ];
  for (const [what, sql, why] of attacks) {
    it(`refuses to ${what} (exit 2, one line and a hint), and the store is intact`, async () => {
      const other = join(dir, "other.duckdb");
      const r = await runCli(["query", "--db", db, sql(other)]);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /^ftparse: query failed: [^\n]*\nhint: /);
      assert.match(r.stderr, why);
      const { access } = await import("node:fs/promises");
      await assert.rejects(access(other));
      assert.equal((await runJson(["runs", "--db", db])).rows.length, 2);
    });
  }
});

describe("ftparse export --out DIR", () => {
  it("writes every table as Parquet and Arrow IPC with all rows", async () => {
    const out = join(dir, "export");
    const { code, rows } = await runJson(["export", "--db", db, "--out", out]);
    assert.equal(code, 0);
    const tables = [...new Set(rows.map((r) => r.table))];
    assert.deepEqual(tables, [
      "containers",
      "events",
      "harness_events",
      "ingest_issues",
      "loads",
      "log_lines",
      "metrics",
      "report_rows",
      "requests",
      "runs",
      "scenario_metrics",
      "scenarios",
      "schema_version",
    ]);
    const reader = await openDatabase();
    try {
      for (const r of rows) {
        if (r.format === "parquet") {
          const [n] = await reader.sql("SELECT count(*) AS n FROM read_parquet($file)", {
            file: String(r.file),
          });
          assert.equal(n!.n, r.rows, String(r.file));
        } else {
          const t = tableFromIPC(await readFile(String(r.file)));
          assert.equal(t.numRows, r.rows, String(r.file));
        }
      }
    } finally {
      reader.close();
    }
    const requests = rows.find((r) => r.table === "requests" && r.format === "parquet")!;
    const counted = await runJson(["query", "--db", db, "SELECT count(*) AS n FROM requests"]);
    assert.equal(requests.rows, counted.rows[0]!.n);
    assert.ok(Number(requests.rows) > 8000);
    const runs = tableFromIPC(await readFile(join(out, "runs.arrow")));
    assert.equal(
      String(runs.schema.fields.find((f) => f.name === "ingested_at")!.type),
      "Timestamp<MICROSECOND, UTC>",
    );
    assert.equal(String(runs.schema.fields.find((f) => f.name === "run_id")!.type), "Int64");
    assert.deepEqual(runs.get(1)!.toJSON().labels.toJSON(), { commit: "bbb" });
    assert.equal(runs.get(0)!.toJSON().ingested_at, Date.parse("2026-01-01T00:00:00Z"));
  });

  it("writes the same bytes each time the same store is exported (rows in a fixed order)", async () => {
    const [a, b] = [join(dir, "export-a"), join(dir, "export-b")];
    assert.equal((await runJson(["export", "--db", db, "--out", a])).code, 0);
    assert.equal((await runJson(["export", "--db", db, "--out", b])).code, 0);
    const names = (await readdir(a)).sort();
    assert.deepEqual(names, (await readdir(b)).sort());
    assert.ok(names.includes("requests.parquet") && names.includes("requests.arrow"));
    for (const name of names) {
      assert.ok((await readFile(join(a, name))).equals(await readFile(join(b, name))), name);
    }
  });

  it("writes only what is asked", async () => {
    const out = join(dir, "export-some");
    const { rows } = await runJson([
      "export",
      "--db",
      db,
      "--out",
      out,
      "--only",
      "arrow",
      "--tables",
      "runs,scenarios",
    ]);
    assert.deepEqual(
      rows.map((r) => [r.table, r.format, r.rows]),
      [
        ["runs", "arrow", 2],
        ["scenarios", "arrow", 9],
      ],
    );
    const bad = await runCli(["export", "--db", db, "--out", out, "--tables", "nope"]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /unknown table nope \(tables: containers, /);
  });
});

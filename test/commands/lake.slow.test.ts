/**
 * The Parquet lake (docs/lake.md): `ingest --lake DIR` and every history command reading `--lake`.
 * The same fixture trees go into a --db store and a lake, run by run at the same clock, and every
 * command must give the same answer from both; then the lake's own promises: several writers at once,
 * re-ingest writes nothing, a plain DuckDB reads it, a killed writer leaves no visible run.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { cp, mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";
import { DuckDBInstance } from "@duckdb/node-api";
import * as tar from "tar";
import { main } from "../../src/cli.js";
import { recordingEffects } from "../../src/effects.js";
import { Warnings } from "../../src/messages.js";
import { fixture, repoRoot } from "../helpers.js";
import { child, copyScenario, exited, frontendScenario, legacy, tempDir } from "../history/helpers.js";

/**
 * The fixture trees (one run each), ingested in this order. `npm test` takes the small ones (every
 * layout is among them); `npm run test:lake` (FTPARSE_LAKE_ALL=1) every fixture tree.
 */
const trees = [
  legacy,
  ...(process.env.FTPARSE_LAKE_ALL ? [fixture("samples", "aiperf")] : []),
  fixture("layouts", "mixed"),
  ...(process.env.FTPARSE_LAKE_ALL ? [fixture("edge"), fixture("ext", "results")] : []),
  fixture("tz-new-york"),
];

/** `ftparse ARGS` in-process at a given clock (ingest time decides the run numbers). */
async function cli(args: readonly string[], now = new Date("2026-01-01T00:00:00Z")) {
  const rec = recordingEffects(new Warnings(), now);
  const code = await main(args, rec.effects);
  return { code, stdout: rec.stdout(), stderr: rec.stderr() };
}

async function json(args: readonly string[]): Promise<Record<string, unknown>[]> {
  const r = await cli([...args, "--format", "json"]);
  assert.equal(r.code, 0, `${args.join(" ")}: ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, unknown>[];
}

/** Numbers to 9 significant places: DuckDB sums in parallel, in no fixed order. */
function rounded(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  return rows.map((r) =>
    Object.fromEntries(
      Object.entries(r).map(([k, v]) => [k, typeof v === "number" ? Number(v.toPrecision(9)) : v]),
    ),
  );
}

/** Every file under a folder with its size and mtime: what "nothing changed" means for a lake. */
async function snapshot(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const path = join(e.parentPath, e.name);
    const s = await stat(path);
    out.push(`${relative(dir, path)} ${e.isFile() ? `${s.size} ${s.mtimeMs}` : "dir"}`);
  }
  return out.sort();
}

let dir: string;
let cleanup: () => Promise<void>;
let db: string;
let lake: string;
before(async () => {
  ({ dir, cleanup } = await tempDir());
  db = join(dir, "history.duckdb");
  lake = join(dir, "lake");
  for (const [i, tree] of trees.entries()) {
    const now = new Date(Date.UTC(2026, 0, 1 + i));
    const labels = ["--label", `commit=c${i}`, ...(tree.endsWith("mixed") ? ["--run-id", "mixed"] : [])];
    const tz = tree.endsWith("tz-new-york") ? ["--tz", "America/New_York"] : [];
    for (const store of [
      ["--db", db],
      ["--lake", lake],
    ]) {
      const r = await cli(["ingest", tree, ...store, ...labels, ...tz, "--format", "json"], now);
      assert.equal(r.code, 0, r.stderr);
    }
  }
});
after(() => cleanup());

describe("--lake reads give the --db numbers", () => {
  it("runs", async () => {
    const fromDb = await json(["runs", "--db", db]);
    assert.equal(fromDb.length, trees.length);
    assert.deepEqual(await json(["runs", "--lake", lake]), fromDb);
    assert.deepEqual(await json(["runs", "--lake", lake, "--last", "2"]), fromDb.slice(-2));
    assert.deepEqual(
      await json(["runs", "--lake", lake, "--label", "commit=c1"]),
      fromDb.filter((r) => (r.labels as Record<string, string>).commit === "c1"),
    );
  });

  it("trend (all runs, --last, --group)", async () => {
    for (const extra of [[], ["--last", "3"], ["--group", "agg-*"]]) {
      for (const metric of ["recovery_s", "success_after", "latency_after_s"]) {
        const args = ["trend", "--metric", metric, ...extra];
        const fromDb = await json([...args, "--db", db]);
        assert.ok(fromDb.length > 0, args.join(" "));
        assert.deepEqual(rounded(await json([...args, "--lake", lake])), rounded(fromDb), args.join(" "));
      }
    }
  });

  it("compare, by number, name and latest~N", async () => {
    for (const [a, b] of [
      ["1", "mixed"],
      ["latest~1", "latest"],
    ]) {
      const fromDb = await json(["compare", a!, b!, "--db", db]);
      assert.ok(fromDb.length > 0);
      assert.deepEqual(rounded(await json(["compare", a!, b!, "--lake", lake])), rounded(fromDb));
    }
  });

  it("query: the tables and the documented views (summary over every request, metric_history)", async () => {
    for (const sql of [
      "SELECT * EXCLUDE (scenario_id) FROM summary ORDER BY run_id, scenario_dir",
      "SELECT * EXCLUDE (scenario_id) FROM metric_history ORDER BY run_id, scenario_dir, metric",
      "SELECT run_id, count(*) AS n, sum(hash(dir, layout, test_group, failure, start_ts, ready_ts, fault_ts)) AS h FROM scenarios GROUP BY run_id ORDER BY run_id",
      "SELECT count(*) AS n, sum(hash(client, file, line_no, attempt, counted, start_ts, end_ts, latency_s, status_code, error, success)) AS h FROM requests",
      "SELECT count(*) AS n, sum(hash(service, pod, file, line_no, ts, level, message)) AS h FROM log_lines",
      "SELECT count(*) AS n, sum(hash(dir, aggregate::VARCHAR)) AS h FROM loads",
    ]) {
      const fromDb = await json(["query", sql, "--db", db]);
      assert.ok(fromDb.length > 0, sql);
      assert.deepEqual(rounded(await json(["query", sql, "--lake", lake])), rounded(fromDb), sql);
    }
  });

  it("query --lake reads only the lake and writes nothing", async () => {
    const r = await cli(["query", `COPY (SELECT 1) TO '${join(lake, "x.csv")}'`, "--lake", lake]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /disabled by configuration/);
    const passwd = await cli(["query", "SELECT * FROM read_csv('/etc/hostname')", "--lake", lake]);
    assert.equal(passwd.code, 2);
  });

  it("export: the same rows per table", async () => {
    const a = await json(["export", "--db", db, "--out", join(dir, "x-db"), "--only", "parquet"]);
    const b = await json(["export", "--lake", lake, "--out", join(dir, "x-lake"), "--only", "parquet"]);
    assert.deepEqual(
      b.map((r) => [r.table, r.rows]),
      a.filter((r) => r.table !== "schema_version").map((r) => [r.table, r.rows]),
    );
  });
});

describe("ftparse PATH --lake DIR", () => {
  it("keeps the run in the lake and prints the summary ftparse PATH prints, every time", async () => {
    // scenario_id keys a report's rows to its timeline files: unique within a report, numbered per
    // store (a lake's ids are run number × 2^32 + the run's own), so it is left out of the comparison
    const withoutIds = (rows: Record<string, unknown>[]) => rows.map(({ scenario_id: _id, ...rest }) => rest);
    const plain = withoutIds(await json([legacy]));
    const reportLake = join(dir, "report-lake");
    assert.deepEqual(rounded(withoutIds(await json([legacy, "--lake", reportLake]))), rounded(plain));
    assert.deepEqual(rounded(withoutIds(await json([legacy, "--lake", reportLake]))), rounded(plain));
    assert.equal((await json(["runs", "--lake", reportLake])).length, 1);
  });
});

describe("the report over a lake", () => {
  const withoutIds = (rows: Record<string, unknown>[]) =>
    rounded(rows.map(({ scenario_id: _id, ...rest }) => rest));

  it("ftparse --lake DIR [--last N] without PATH reports the runs kept there, as --db FILE does", async () => {
    for (const last of [[], ["--last", "2"]]) {
      const fromDb = await json(["--db", db, ...last]);
      assert.ok(fromDb.length > 0);
      assert.deepEqual(withoutIds(await json(["--lake", lake, ...last])), withoutIds(fromDb), last.join(" "));
    }
    const two = await json(["--lake", lake, "--last", "2", "--aggregate"]);
    assert.deepEqual(withoutIds(two), withoutIds(await json(["--db", db, "--last", "2", "--aggregate"])));
    // --last is about runs already kept: with PATHs, or with no store, it is a usage error
    for (const args of [
      [legacy, "--lake", lake, "--last", "1"],
      ["--last", "1"],
    ]) {
      const r = await cli(args);
      assert.equal(r.code, 2, args.join(" "));
      assert.match(r.stderr, /--last N/);
    }
  });

  it("refuses --db and --lake together (exit 2, one line), writing to neither", async () => {
    const both = join(dir, "both");
    const r = await cli([legacy, "--db", join(both, "h.duckdb"), "--lake", join(both, "lake")]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, "");
    assert.equal(r.stderr, "ftparse: give --db FILE or --lake DIR, not both\n");
    await assert.rejects(stat(both));
  });

  it("names each run after its PATH with several PATHs, a folder of runs and an archive", async () => {
    const inputs = join(dir, "many-inputs");
    // a folder holding two run folders (one PATH: one run), a plain run, and a run as a .tgz
    await copyScenario(join(inputs, "nightly"), frontendScenario, "run_a");
    await copyScenario(join(inputs, "nightly"), "test_fault_scenario[agg-tp-1-dp-1-none]", "run_b");
    const single = await copyScenario(inputs, "test_fault_scenario[disagg-tp-1-dp-1-frontend]", "single");
    const packed = await copyScenario(join(inputs, "to-pack"), "test_fault_scenario[agg-tp-1-dp-2-frontend]");
    const tgz = join(inputs, "ci-job-7.tgz");
    await tar.c({ file: tgz, cwd: packed, gzip: true, portable: true }, await readdir(packed));
    const paths = [join(inputs, "nightly"), tgz, single];
    const key = (rows: Record<string, unknown>[]) =>
      rows
        .map((r) => `${String(r.run)} ${String(r.test_group)} ${String(r.failure)} ${String(r.recovery_s)}`)
        .sort();
    const plain = key(await json(paths));
    assert.deepEqual([...new Set(plain.map((k) => k.split(" ")[0]))].sort(), [
      "ci-job-7",
      "nightly",
      "single",
    ]);
    const reportLake = join(dir, "many-lake");
    // written, then found unchanged: the names are the same both times
    assert.deepEqual(key(await json([...paths, "--lake", reportLake])), plain);
    assert.deepEqual(key(await json([...paths.slice().reverse(), "--lake", reportLake])), plain);
    assert.equal((await json(["runs", "--lake", reportLake])).length, 3);
  });
});

describe("ingest --lake", () => {
  it("writes nothing when a tree is ingested again", async () => {
    const before = await snapshot(lake);
    const r = await cli(["ingest", legacy, "--lake", lake, "--label", "commit=other", "--format", "json"]);
    assert.equal(r.code, 0);
    assert.deepEqual(
      (JSON.parse(r.stdout) as Record<string, unknown>[]).map((x) => [x.run_id, x.status]),
      [[1, "unchanged"]],
    );
    assert.match(r.stderr, /is unchanged since lake run [0-9a-f]{32}/);
    assert.deepEqual(await snapshot(lake), before);
  });

  it("takes two writer processes at once; a plain DuckDB reads both runs' requests", async () => {
    const two = join(dir, "two");
    const second = await copyScenario(dir, frontendScenario, "second");
    const bin = join(repoRoot, "dist", "src", "bin.js");
    const run = promisify(execFile);
    await Promise.all([
      run(process.execPath, [bin, "ingest", legacy, "--lake", two]),
      run(process.execPath, [bin, "ingest", second, "--lake", two]),
    ]);
    const runs = await json(["runs", "--lake", two]);
    assert.deepEqual(runs.map((r) => r.scenarios).sort(), [1, 8]);
    const perRun = await json([
      "query",
      "SELECT run_id, count(*) AS n FROM requests JOIN scenarios USING (scenario_id) GROUP BY run_id ORDER BY run_id",
      "--lake",
      two,
    ]);
    const sum = perRun.reduce((n, r) => n + Number(r.n), 0);
    assert.ok(perRun.length === 2 && perRun.every((r) => Number(r.n) > 0));
    const duck = await DuckDBInstance.create(":memory:");
    const conn = await duck.connect();
    try {
      const reader = await conn.runAndReadAll(
        `SELECT count(*)::BIGINT AS n, count(DISTINCT run_id) AS runs
         FROM read_parquet('${join(two, "requests", "**", "*.parquet")}', hive_partitioning = true)`,
      );
      const [row] = reader.getRowObjectsJS();
      assert.equal(Number(row!.n), sum);
      assert.equal(Number(row!.runs), 2);
    } finally {
      conn.closeSync();
      duck.closeSync();
    }
  });

  it("shows no run of a writer killed before its commit, nor of one killed between renames", async () => {
    const killed = join(dir, "killed");
    const proc = child(`
      const { ingest } = await import(dist + "/commands/ingest.js");
      const { defaultEffects } = await import(dist + "/effects.js");
      const { Warnings } = await import(dist + "/messages.js");
      setInterval(() => {}, 1000);
      await ingest(
        { paths: [${JSON.stringify(legacy)}], lake: ${JSON.stringify(killed)}, format: "json", tz: "UTC",
          labels: {}, waitSeconds: 0, strict: false },
        defaultEffects(new Warnings()),
        { beforeCommit: async () => { process.stdout.write("STAGED\\n"); await new Promise(() => {}); } },
      );
    `);
    await proc.waitFor("STAGED");
    proc.kill("SIGKILL");
    await exited(proc);
    // its staged files are there, under .tmp, and nothing reads them
    assert.equal((await readdir(join(killed, ".tmp"))).length, 1);
    assert.deepEqual(await json(["runs", "--lake", killed]), []);
    const count = "SELECT count(*) AS n FROM requests";
    assert.deepEqual(await json(["query", count, "--lake", killed]), [{ n: 0 }]);

    // Killed after the table folders moved but before `runs` did: the same state as a committed
    // run whose runs folder is taken away. Its other folders are ignored, then reused.
    assert.equal((await cli(["ingest", legacy, "--lake", killed])).code, 0);
    const [runDate] = await readdir(join(killed, "runs"));
    await rename(join(killed, "runs"), join(dir, "runs-aside"));
    assert.deepEqual(await json(["runs", "--lake", killed]), []);
    assert.deepEqual(await json(["query", count, "--lake", killed]), [{ n: 0 }]);
    const again = await json(["ingest", legacy, "--lake", killed]);
    assert.deepEqual(
      again.map((r) => [r.status, r.scenarios]),
      [["added", 8]],
    );
    assert.ok(runDate?.startsWith("run_date="));
    assert.equal(Number((await json(["query", count, "--lake", killed]))[0]!.n) > 0, true);
  });
});

describe("staging folders of writers that died", () => {
  /** A stage as a writer leaves it, every entry last touched `hoursAgo` hours ago. */
  const stage = async (lakeDir: string, name: string, hoursAgo: number) => {
    const folder = join(lakeDir, ".tmp", name);
    const file = join(
      folder,
      "requests",
      "run_date=2026-01-01",
      "run_id=" + "0".repeat(32),
      "part-0.parquet",
    );
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, "partial");
    const when = new Date(Date.now() - hoursAgo * 3_600_000);
    const paths = [folder, ...(await readdir(folder, { recursive: true })).map((p) => join(folder, p))];
    for (const p of paths.reverse()) await utimes(p, when, when);
    return folder;
  };

  it("ingest removes stages untouched for a day, never a fresh one (a live writer's)", async () => {
    const swept = join(dir, "swept");
    const dead = await stage(swept, "deadbeef-host-1-aaaa", 25);
    const live = await stage(swept, "cafe-host-2-bbbb", 23);
    // a live writer's stage with one new file in an old folder is live too
    const touched = await stage(swept, "f00d-host-3-cccc", 30);
    await writeFile(join(touched, "runs.new"), "x");
    assert.equal((await cli(["ingest", legacy, "--lake", swept])).code, 0);
    const left = await readdir(join(swept, ".tmp"));
    assert.deepEqual(left.sort(), ["cafe-host-2-bbbb", "f00d-host-3-cccc"]);
    await assert.rejects(stat(dead));
    assert.ok((await stat(live)).isDirectory());
    assert.equal((await json(["runs", "--lake", swept])).length, 1);
  });

  it("lake compact removes them too, with --stale-hours", async () => {
    const swept = join(dir, "swept-compact");
    assert.equal((await cli(["ingest", legacy, "--lake", swept])).code, 0);
    await stage(swept, "compact-2026-01-host-9-dddd", 3);
    await stage(swept, "beef-host-4-eeee", 0);
    const r = await cli(["lake", "compact", swept, "--before", "2000-01", "--stale-hours", "2"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /removed 1 staging folder\(s\) of writers that died/);
    assert.deepEqual(await readdir(join(swept, ".tmp")), ["beef-host-4-eeee"]);
  });
});

describe("lake compact", () => {
  const reads: string[][] = [
    ["runs"],
    ["trend", "--metric", "recovery_s"],
    ["trend", "--metric", "success_after", "--last", "2"],
    ["compare", "1", "mixed"],
    [
      "query",
      "SELECT count(*) AS n, sum(hash(client, file, line_no, start_ts, latency_s)) AS h FROM requests",
    ],
    ["query", "SELECT * EXCLUDE (scenario_id) FROM summary ORDER BY run_id, scenario_dir"],
  ];
  const sameAsDb = async (store: string) => {
    for (const args of reads) {
      assert.deepEqual(
        rounded(await json([...args, "--lake", store])),
        rounded(await json([...args, "--db", db])),
        args.join(" "),
      );
    }
  };
  const perRunFolders = async (store: string) =>
    (await readdir(join(store, "runs"), { recursive: true })).filter((p) => /run_id=[0-9a-f]{32}$/.test(p));

  it("merges old months into one file per table and month; every read still equals --db", async () => {
    const merged = join(dir, "compact-lake");
    await cp(lake, merged, { recursive: true });
    const r = await cli([
      "lake",
      "compact",
      merged,
      "--before",
      "9999-12",
      "--retain-minutes",
      "0",
      "--format",
      "json",
    ]);
    assert.equal(r.code, 0, r.stderr);
    const months = JSON.parse(r.stdout) as Record<string, unknown>[];
    assert.equal(
      months.reduce((n, m) => n + Number(m.runs), 0),
      trees.length,
    );
    assert.ok(months.every((m) => m.status === "compacted" && m.generation === 1));
    // retention 0: the per-run folders are gone, the compacted months are all there is
    assert.deepEqual(await perRunFolders(merged), []);
    assert.equal((await readdir(join(merged, "compacted"))).length, months.length);
    await sameAsDb(merged);
    // nothing left to do, and a re-ingest of a compacted run writes nothing
    const again = await cli(["lake", "compact", merged, "--before", "9999-12", "--format", "json"]);
    assert.deepEqual(JSON.parse(again.stdout), []);
    const before = await snapshot(merged);
    const re = await json(["ingest", legacy, "--lake", merged]);
    assert.deepEqual(
      re.map((x) => x.status),
      ["unchanged"],
    );
    assert.deepEqual(await snapshot(merged), before);
  });

  it("reads a lake of lake format 1 and one of formats 1 and 2, per-run and compacted, as --db", async () => {
    // What a format-1 writer wrote: the runs row without the manifest's columns, and no
    // _manifest.json (docs/lake.md)
    const toFormat1 = async (store: string, every: boolean) => {
      const files = (await readdir(join(store, "runs"), { recursive: true }))
        .filter((p) => p.endsWith("part-0.parquet"))
        .sort()
        .map((p) => join(store, "runs", p));
      const chosen = every ? files : files.filter((_, i) => i % 2 === 0);
      const duck = await DuckDBInstance.create(":memory:");
      const c = await duck.connect();
      for (const file of chosen) {
        await c.run(
          `COPY (SELECT * EXCLUDE (lake_tables, lake_started_at, lake_scenarios, lake_issues, lake_scenario_keys) REPLACE (1 AS lake_format)
                 FROM read_parquet('${file}')) TO '${file}.new' (FORMAT parquet, COMPRESSION zstd)`,
        );
        await rename(`${file}.new`, file);
        await rm(join(dirname(file), "_manifest.json"));
      }
      c.closeSync();
      duck.closeSync();
      return chosen.length;
    };
    // Every run written here has its manifest next to its runs file
    for (const f of await perRunFolders(lake)) {
      assert.deepEqual((await readdir(join(lake, "runs", f))).sort(), ["_manifest.json", "part-0.parquet"]);
    }
    // A manifest of another schema version is not read: the runs file is (here the manifest lies)
    const other = join(dir, "manifest-other-version");
    await cp(lake, other, { recursive: true });
    for (const f of await perRunFolders(other)) {
      const file = join(other, "runs", f, "_manifest.json");
      const m = JSON.parse(await readFile(file, "utf8")) as Record<string, unknown>;
      await writeFile(
        file,
        JSON.stringify({ ...m, schema_version: Number(m.schema_version) + 1, name: "lie" }),
      );
    }
    await sameAsDb(other);
    for (const every of [true, false]) {
      const old = join(dir, every ? "format-1" : "format-1-and-2");
      await cp(lake, old, { recursive: true });
      assert.ok((await toFormat1(old, every)) > 0);
      await sameAsDb(old);
      const r = await cli(["lake", "compact", old, "--before", "9999-12", "--retain-minutes", "0"]);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(await perRunFolders(old), []);
      await sameAsDb(old);
    }
  });

  it("a run ingested into a compacted month later is read, then merged into a new generation", async () => {
    const merged = join(dir, "compact-late");
    const one = await cli(["ingest", legacy, "--lake", merged]);
    assert.equal(one.code, 0);
    await cli(["lake", "compact", merged, "--before", "9999-12", "--retain-minutes", "0"]);
    const second = await copyScenario(dir, frontendScenario, "late");
    assert.equal((await cli(["ingest", second, "--lake", merged])).code, 0);
    const count = "SELECT count(*) AS n FROM requests";
    const n = Number((await json(["query", count, "--lake", merged]))[0]!.n);
    assert.deepEqual((await json(["runs", "--lake", merged])).map((x) => x.scenarios).sort(), [1, 8]);
    const r = await cli([
      "lake",
      "compact",
      merged,
      "--before",
      "9999-12",
      "--retain-minutes",
      "0",
      "--format",
      "json",
    ]);
    const months = JSON.parse(r.stdout) as Record<string, unknown>[];
    assert.ok(
      months.some((m) => m.generation === 2 && m.runs === 1),
      r.stdout,
    );
    assert.deepEqual(await perRunFolders(merged), []);
    assert.equal(Number((await json(["query", count, "--lake", merged]))[0]!.n), n);
    assert.deepEqual((await json(["runs", "--lake", merged])).map((x) => x.scenarios).sort(), [1, 8]);
  });

  it("readers running during a compaction (another process) always see every run once", async () => {
    const merged = join(dir, "compact-live");
    await cp(lake, merged, { recursive: true });
    const expected = rounded(await json(["trend", "--metric", "recovery_s", "--db", db]));
    const bin = join(repoRoot, "dist", "src", "bin.js");
    let done = false;
    const compaction = promisify(execFile)(process.execPath, [
      bin,
      "lake",
      "compact",
      merged,
      "--before",
      "9999-12",
    ]).finally(() => (done = true));
    let n = 0;
    while (!done || n === 0) {
      assert.deepEqual(rounded(await json(["trend", "--metric", "recovery_s", "--lake", merged])), expected);
      n++;
    }
    await compaction;
    // after: read from the compacted months (the per-run files stay for the retention time)
    assert.ok((await readdir(join(merged, "compacted"))).length > 0);
    assert.ok((await perRunFolders(merged)).length > 0);
    assert.deepEqual(rounded(await json(["trend", "--metric", "recovery_s", "--lake", merged])), expected);
  });
});

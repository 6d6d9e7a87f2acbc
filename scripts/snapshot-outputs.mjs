// Output snapshot: runs every read-only command of the built CLI (dist/src/bin.js) on every fixture
// under fixtures/ and writes what each one printed (stdout, stderr, exit code) and wrote (--out,
// --junit, --summary, --chart, export files) into one folder, so that two builds can be compared with
// `diff -r before/ after/`. Used to prove that a refactor changes no output:
//
//   npm run snapshot -- /tmp/before        # on the old code
//   npm run snapshot -- /tmp/after         # on the new code
//   diff -r /tmp/before /tmp/after
//
// Only what legitimately differs between two runs is normalised: the temporary folder's absolute path
// (`<TMP>`), the repository's absolute path (`<REPO>`), and timestamps close to the time of the run
// (`<NOW>`: a run's ingest time, a report's "generated at"), and runs.metrics_version (a hash of
// the metric views' SQL text, `<SQL-HASH>`: it changes whenever that text does). Parquet and Arrow exports are written as
// text (schema and rows) because they hold those timestamps in binary; every other file is copied
// byte for byte (charts' PNG and SVG too).
//
// Output: one folder per target (its name), then _history/ and _history-v1/.
// Targets: every folder directly under fixtures/ (each one reported, checked and ingested as a whole;
// a folder without results gives its usage error, which is output too), then the history commands
// over one database holding a run of each, and over fixtures/history/v1.duckdb.gz (the migration path).
import { spawn } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? args.splice(at, 2)[1] : fallback;
};
const jobs = Number(option("--jobs", "2"));
// --targets a,b: only these folders of fixtures/ (a quick partial snapshot)
const only = option("--targets", undefined)?.split(",");
// --skip-reports: only the history commands (sections 2 and 3 below)
const skipReports = args.includes("--skip-reports")
  ? Boolean(args.splice(args.indexOf("--skip-reports"), 1))
  : false;
// --bin: another build's CLI (e.g. a copy of the old dist/ with its queries/ next to it), run on this
// checkout's fixtures.
const bin = resolve(option("--bin", join(repo, "dist", "src", "bin.js")));
if (args.length !== 1 || !(jobs >= 1)) {
  process.stderr.write(
    "usage: node scripts/snapshot-outputs.mjs OUT_DIR [--jobs N] [--bin dist/src/bin.js] [--targets a,b]   (after npm run build)\n",
  );
  process.exit(2);
}
const out = resolve(args[0]);
if (!existsSync(bin)) {
  process.stderr.write(`${bin} is missing: run npm run build first\n`);
  process.exit(2);
}
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const tmp = mkdtempSync(join(tmpdir(), "ftparse-snapshot-"));
const startedAt = Date.now();

// A fixed environment: no colour, no TTY (stdio are pipes), no CI step summary, no default database.
const env = { ...process.env, NO_COLOR: "1", TZ: "America/New_York" };
for (const k of [
  "GITHUB_STEP_SUMMARY",
  "FTPARSE_DB",
  "FTPARSE_PROFILE",
  "FTPARSE_MEMORY_LIMIT",
  "CI",
  "FORCE_COLOR",
])
  delete env[k];

// ISO-like timestamps (2026-12-03T16:14:38.984Z, 2026-12-03 16:14:38+00) within two days of now.
const TIMESTAMP = /\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}(?::?\d{2})?)?/g;
const TWO_DAYS = 2 * 24 * 3600 * 1000;

// The package root of the build under test (the same as repo unless --bin names another).
const binRoot = resolve(dirname(bin), "..", "..");

function normalise(text) {
  return (
    text
      .split(tmp)
      .join("<TMP>")
      .split(binRoot)
      .join("<REPO>")
      .split(repo)
      .join("<REPO>")
      // runs.metrics_version is a hash of the metric views' SQL text: it names the source, so a refactor
      // of that SQL changes it by design (the stored metrics are then recomputed); the values are compared.
      .replace(/("metrics_version":\s*)"[0-9a-f]{32}"/g, '$1"<SQL-HASH>"')
      .replace(TIMESTAMP, (s) => {
        const t = Date.parse(
          /[Z+-]\d*:?\d*$/.test(s.slice(19)) ? s.replace(" ", "T") : `${s.replace(" ", "T")}Z`,
        );
        return Number.isFinite(t) && Math.abs(t - startedAt) < TWO_DAYS ? "<NOW>" : s;
      })
  );
}

function run(argv) {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [bin, ...argv], {
      cwd: repo,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const stdout = [];
    const stderr = [];
    child.stdout.on("data", (d) => stdout.push(d));
    child.stderr.on("data", (d) => stderr.push(d));
    child.on("error", fail);
    child.on("close", (code, signal) =>
      done({
        code: signal ? `signal ${signal}` : code,
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: Buffer.concat(stderr).toString("utf8"),
      }),
    );
  });
}

/** Run one command and write NAME.cmd (the command), NAME.stdout, NAME.stderr (if any), NAME.exit. */
async function record(dir, name, argv) {
  mkdirSync(dir, { recursive: true });
  const r = await run(argv);
  const base = join(dir, name);
  writeFileSync(`${base}.cmd`, normalise(`ftparse ${argv.map(quote).join(" ")}\n`));
  writeFileSync(`${base}.stdout`, normalise(r.stdout));
  if (r.stderr !== "") writeFileSync(`${base}.stderr`, normalise(r.stderr));
  writeFileSync(`${base}.exit`, `${r.code}\n`);
  return r;
}

function quote(a) {
  return /^[\w@%+=:,./~-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`;
}

/** Copy a folder (or file) that a command wrote into the snapshot, normalising text files. */
async function keep(from, to) {
  if (!existsSync(from)) return;
  if (statSync(from).isDirectory()) {
    for (const f of readdirSync(from).sort()) await keep(join(from, f), join(to, f));
    return;
  }
  mkdirSync(dirname(to), { recursive: true });
  if (from.endsWith(".parquet")) writeFileSync(`${to}.txt`, normalise(await parquetAsText(from)));
  else if (from.endsWith(".arrow")) writeFileSync(`${to}.txt`, normalise(await arrowAsText(from)));
  else if (/\.(png|gz|duckdb)$/.test(from)) cpSync(from, to);
  else writeFileSync(to, normalise(readFileSync(from, "utf8")));
}

async function parquetAsText(file) {
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    const lit = `'${file.replace(/'/g, "''")}'`;
    const schema = await connection.runAndReadAll(
      `SELECT name, type, repetition_type, converted_type, logical_type FROM parquet_schema(${lit})`,
    );
    const rows = await connection.runAndReadAll(`SELECT * FROM read_parquet(${lit})`);
    return `${JSON.stringify(schema.getRowObjectsJson())}\n${rows
      .getRowObjectsJson()
      .map((r) => JSON.stringify(r))
      .join("\n")}\n`;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

async function arrowAsText(file) {
  const { tableFromIPC } = await import("apache-arrow");
  const table = tableFromIPC(readFileSync(file));
  const lines = [table.schema.fields.map((f) => `${f.name}: ${String(f.type)}`).join(", ")];
  for (const row of table)
    lines.push(JSON.stringify(row.toJSON(), (_k, v) => (typeof v === "bigint" ? `${v}n` : v)));
  return `${lines.join("\n")}\n`;
}

/** Run tasks with at most `jobs` at a time (independent report/check commands). */
async function pool(tasks) {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await tasks[next++]();
  };
  await Promise.all(Array.from({ length: Math.min(jobs, tasks.length) }, worker));
}

const FORMATS = ["table", "markdown", "csv", "json"];
const targets = readdirSync(join(repo, "fixtures"), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .filter((d) => only === undefined || only.includes(d.name))
  .map((d) => `fixtures/${d.name}`)
  .sort();

const slug = (t) => t.replace(/^fixtures\//, "").replace(/[^\w.-]+/g, "_");

// 1. Report and check: in-memory, independent of each other.
const tasks = [];
for (const t of targets) {
  const dir = join(out, slug(t));
  const rep = (name, ...argv) => tasks.push(() => record(join(dir, "report"), name, [t, ...argv]));
  for (const f of FORMATS) {
    rep(f, "-f", f);
    rep(`extended-${f}`, "--extended", "-f", f);
    rep(`dynamo-${f}`, "--as", "dynamo", "-f", f);
  }
  rep("sla-table", "--sla", "5", "-f", "table");
  rep("sla-json", "--sla", "5", "-f", "json");
  rep(
    "params-table",
    "--extended",
    "--window",
    "5",
    "--recovered-ratio",
    "0.95",
    "--sla",
    "2",
    "-f",
    "table",
  );
  rep("params-json", "--extended", "--window", "5", "--recovered-ratio", "0.95", "--sla", "2", "-f", "json");
  rep("tz-json", "--tz", "America/New_York", "-f", "json");
  rep("strict", "--strict", "-f", "csv");
  tasks.push(async () => {
    const o = join(tmp, slug(t), "out");
    await record(join(dir, "report"), "out", [t, "--out", o, "--extended", "--sla", "5", "-f", "json"]);
    await keep(o, join(dir, "report", "out.dir"));
    const o2 = join(tmp, slug(t), "out-bucket");
    await record(join(dir, "report"), "out-bucket", [
      t,
      "--out",
      o2,
      "--bucket",
      "2",
      "--window",
      "3",
      "-f",
      "csv",
    ]);
    await keep(o2, join(dir, "report", "out-bucket.dir"));
  });
  const chk = (name, files, ...argv) =>
    tasks.push(async () => {
      const w = join(tmp, slug(t), `check-${name}`);
      mkdirSync(w, { recursive: true });
      const extra = files ? ["--junit", join(w, "junit.xml"), "--summary", join(w, "summary.md")] : [];
      await record(join(dir, "check"), name, ["check", t, ...argv, ...extra]);
      if (files) await keep(w, join(dir, "check", `${name}.dir`));
    });
  chk("default", true, "-f", "table");
  for (const f of FORMATS.slice(1)) chk(`default-${f}`, false, "-f", f);
  chk("rules-yaml", true, "--rules", "fixtures/check/rules.yaml", "-f", "json");
  chk("rules-json", false, "--rules", "fixtures/check/rules.json", "-f", "table");
  chk("bad-rule", false, "--rules", "fixtures/check/bad-rule.yaml");
  chk(
    "inline",
    true,
    "--rule",
    "recovery_s<=60",
    "--rule",
    "success_rate_after>=0.9 group=agg-*",
    "--rule",
    "p90_after_s<5 allow-missing",
    "--window",
    "5",
    "--sla",
    "3",
    "-f",
    "markdown",
  );
}
if (!skipReports) await pool(tasks);

// 2. History: one database with a run of each target, in order; then every reading command.
const hist = join(out, "_history");
const db = join(tmp, "history.duckdb");
await record(hist, "00-create", ["ingest", "--db", db, "--format", "json"]);
let n = 0;
for (const t of targets) {
  n++;
  const name = `${String(n).padStart(2, "0")}-ingest-${slug(t)}`;
  await record(hist, name, [
    "ingest",
    t,
    "--db",
    db,
    "--label",
    `fixture=${slug(t)}`,
    "--label",
    "round=1",
    "--format",
    "json",
  ]);
  await record(hist, `${name}-again`, ["ingest", t, "--db", db, "--format", "table"]);
}
await record(hist, "ingest-run-id", [
  "ingest",
  "fixtures/ext",
  "--db",
  db,
  "--run-id",
  "ext-again",
  "--tz",
  "America/New_York",
  "--format",
  "table",
]);
const q = (name, ...argv) => tasks2.push(() => record(hist, name, [...argv, "--db", db]));
const tasks2 = [];
for (const f of FORMATS) {
  q(`runs-${f}`, "runs", "--format", f);
  q(`compare-${f}`, "compare", "latest~1", "latest", "--format", f);
  q(`trend-recovery-${f}`, "trend", "--metric", "recovery_s", "--format", f);
}
q("runs-last", "runs", "--last", "2", "--format", "json");
q("runs-label", "runs", "--label", "fixture=samples", "--format", "json");
q("trend-bad-metric", "trend", "--metric", "no_such_metric");
const metrics = (
  await run([
    "query",
    "SELECT DISTINCT metric FROM metric_history ORDER BY 1",
    "--db",
    db,
    "--format",
    "json",
  ])
).stdout;
for (const m of JSON.parse(metrics).map((r) => r.metric))
  q(`trend-${m}`, "trend", "--metric", m, "--format", "json");
q(
  "trend-filtered",
  "trend",
  "--metric",
  "success_after",
  "--group",
  "agg-*",
  "--failure",
  "frontend",
  "--last",
  "3",
  "--format",
  "table",
);
tasks2.push(async () => {
  await record(hist, "trend-chart", [
    "trend",
    "--metric",
    "recovery_s",
    "--chart",
    join(tmp, "trend.vl.json"),
    "--db",
    db,
    "--format",
    "json",
  ]);
  await keep(join(tmp, "trend.vl.json"), join(hist, "trend-chart.vl.json"));
});
for (let a = 1; a < n + 1; a++) {
  q(`compare-${a}-${a + 1}`, "compare", String(a), String(a + 1), "--format", "json");
  q(
    `compare-${a}-${a + 1}-table`,
    "compare",
    String(a),
    String(a + 1),
    "--threshold",
    "5",
    "--only-changes",
    "--format",
    "table",
  );
}
q(
  "compare-metric",
  "compare",
  "1",
  "latest",
  "--metric",
  "recovery_s",
  "--metric",
  "success_after",
  "--fail-on-regression",
  "--format",
  "csv",
);
q("compare-by-name", "compare", `${slug(targets.at(-1))}`, "ext-again", "--format", "json");
q("compare-unknown", "compare", "latest", "nope");
for (const ex of readdirSync(join(repo, "queries", "examples")).sort())
  q(`example-${ex.replace(/\.sql$/, "")}`, "query", "-f", `queries/examples/${ex}`, "--format", "csv");
q("query-write", "query", "DELETE FROM runs");
await pool(tasks2);

// Every table and view a user can query, whole and sorted (ORDER BY ALL: results are unordered sets).
const objects = JSON.parse(
  (
    await run([
      "query",
      "SELECT table_name AS name FROM duckdb_tables() WHERE NOT internal UNION SELECT view_name FROM duckdb_views() WHERE NOT internal ORDER BY 1",
      "--db",
      db,
      "--format",
      "json",
    ])
  ).stdout,
).map((r) => r.name);
writeFileSync(join(hist, "objects.txt"), `${objects.join("\n")}\n`);
await pool(
  objects.map(
    (o) => () =>
      record(join(hist, "objects"), o, [
        "query",
        `SELECT * FROM "${o}" ORDER BY ALL`,
        "--db",
        db,
        "--format",
        "json",
      ]),
  ),
);

await record(hist, "export", ["export", "--db", db, "--out", join(tmp, "export"), "--format", "json"]);
await keep(join(tmp, "export"), join(hist, "export.dir"));
await record(hist, "export-only", [
  "export",
  "--db",
  db,
  "--out",
  join(tmp, "export-only"),
  "--only",
  "parquet",
  "--tables",
  "runs,scenarios",
  "--format",
  "table",
]);
await keep(join(tmp, "export-only"), join(hist, "export-only.dir"));

// 3. The oldest database format: opened, upgraded, read, and written to.
const v1 = join(out, "_history-v1");
const v1db = join(tmp, "v1.duckdb");
writeFileSync(v1db, gunzipSync(readFileSync(join(repo, "fixtures", "history", "v1.duckdb.gz"))));
await record(v1, "runs", ["runs", "--db", v1db, "--format", "json"]);
await record(v1, "versions", [
  "query",
  "SELECT version, name, via FROM schema_version ORDER BY ALL",
  "--db",
  v1db,
  "--format",
  "json",
]);
await record(v1, "metric-history", [
  "query",
  "SELECT * FROM metric_history ORDER BY ALL",
  "--db",
  v1db,
  "--format",
  "json",
]);
await record(v1, "ingest", ["ingest", "fixtures/samples", "--db", v1db, "--format", "json"]);
await record(v1, "compare", ["compare", "latest~1", "latest", "--db", v1db, "--format", "json"]);

rmSync(tmp, { recursive: true, force: true });
process.stderr.write(
  `snapshot written to ${relative(process.cwd(), out) || "."} in ${((Date.now() - startedAt) / 1000).toFixed(0)} s\n`,
);

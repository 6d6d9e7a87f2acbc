/**
 * Line numbers of skipped client-log lines survive the fast path (queries/ingest_client_logs.sql):
 * blank and whitespace-only lines are invisible to DuckDB's NDJSON reader, so a file holding them must
 * take the exact line map, while a file without them keeps reader rank = line number.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { fixture, repoRoot, runJson } from "../helpers.js";

const SCENARIO = "test_fault_scenario[agg-tp-1-dp-1-none]";
const bin = join(repoRoot, "dist", "src", "bin.js");

describe("ingest of client logs with blank lines (fixtures/perf/blank-lines)", () => {
  it("reports each skipped line at its physical line number and counts the others", async () => {
    const { code, rows, stderr } = await runJson([fixture("perf", "blank-lines")]);
    assert.equal(code, 0);
    // client_0: a blank and a whitespace-only line (4, 5) before the garbage at line 8.
    assert.match(stderr, /none\]\/client_0\.log\.txt:8: line skipped/);
    // client_1: no blank line; the truncated object is its 5th line.
    assert.match(stderr, /none\]\/client_1\.log\.txt:5: line skipped/);
    assert.equal((stderr.match(/line skipped/g) ?? []).length, 2);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.success_before, 10);
    assert.equal(rows[0]!.failed_before, 0);
  });
});

/**
 * The last-line rule (queries/ingest/client_files_for_exact_read.sql): a log whose only broken line is
 * its last (a crash or a half-copied file cut it short) keeps its fast read; one broken elsewhere too
 * is parsed again line by line. Both give the same warnings and rows; which way a file took shows in
 * the stage timings (FTPARSE_PROFILE=1), so the CLI runs in a child process.
 */
describe("ingest of client logs cut short in their last line", () => {
  const work = mkdtempSync(join(tmpdir(), "ftparse-lastline-"));
  after(() => rmSync(work, { recursive: true, force: true }));
  const source = fixture("perf", "blank-lines", SCENARIO);
  const lines = readFileSync(join(source, "client_1.log.txt"), "utf8").split("\n").slice(0, 4);

  /** A tree with client_1's four good lines, `extra` spliced in before the last two, and `last`. */
  function tree(name: string, last: string, extra: string[] = []): string {
    const dir = join(work, name, SCENARIO);
    mkdirSync(dir, { recursive: true });
    cpSync(join(source, "test.log.txt"), join(dir, "test.log.txt"));
    const body = [...lines.slice(0, 2), ...extra, ...lines.slice(2), last].join("\n");
    writeFileSync(join(dir, "client_1.log.txt"), body);
    return join(work, name);
  }

  function run(root: string) {
    const r = spawnSync(process.execPath, [bin, root, "--format", "json"], {
      env: { ...process.env, FTPARSE_PROFILE: "1" },
      encoding: "utf8",
    });
    assert.equal(r.status, 0, r.stderr);
    const row = (JSON.parse(r.stdout) as Record<string, unknown>[])[0]!;
    const skipped = [...r.stderr.matchAll(/client_1\.log\.txt:(\d+): line skipped/g)].map((m) =>
      Number(m[1]),
    );
    return { row, skipped, exact: /sql ingest_client_exact/.test(r.stderr) };
  }

  it("keeps the fast read for a file cut in its last line, with or without a final newline", () => {
    for (const [name, last] of [
      ["cut", '{"time": "2025-09-24T18:03:0'],
      ["cut-newline", '{"time": "2025-09-24T18:03:0\n'],
    ] as const) {
      const r = run(tree(name, last));
      assert.deepEqual(r.skipped, [5], name);
      assert.equal(r.exact, false, `${name}: read again line by line`);
      assert.equal(r.row.success_before, 4, name);
    }
  });

  it("reads a file broken elsewhere too line by line, with the same line numbers", () => {
    const r = run(tree("cut-and-garbage", '{"time": "2025-09-24T18:03:0', ["not json"]));
    assert.deepEqual(r.skipped, [3, 6]);
    assert.equal(r.exact, true);
    assert.equal(r.row.success_before, 4);
  });
});

/**
 * A record split by a newline, its second part starting with `,` (as `]` or `}` may), made DuckDB's
 * NDJSON reader fail its whole statement (an internal error, exit 3). Such files skip the fast read
 * (clientFileStats.ts: `braced`) and are read line by line.
 */
describe("ingest of client logs with a record split across lines", () => {
  const work = mkdtempSync(join(tmpdir(), "ftparse-split-"));
  after(() => rmSync(work, { recursive: true, force: true }));
  const source = fixture("perf", "blank-lines", SCENARIO);
  const good = readFileSync(join(source, "client_1.log.txt"), "utf8").split("\n").slice(0, 4);

  // a record cut after `"index": 0`, inside its attempt's choices (as in a bench tree that crashed
  // the reader); its rest, starting `, "message"`, on the next line, or after blank lines
  const cut = good[1]!.indexOf('"index": 0') + '"index": 0'.length;

  for (const [name, gap] of [
    ["right after it", []],
    ["after a blank line", [""]],
  ] as const) {
    it(`reports both halves (the rest ${name}) and counts the other lines`, async () => {
      const root = join(work, name.replace(/ /g, "-"));
      const dir = join(root, SCENARIO);
      mkdirSync(dir, { recursive: true });
      cpSync(join(source, "test.log.txt"), join(dir, "test.log.txt"));
      const split = [good[0]!, good[1]!.slice(0, cut), ...gap, good[1]!.slice(cut), ...good.slice(2)];
      writeFileSync(join(dir, "client_1.log.txt"), split.join("\n") + "\n");
      const second = 3 + gap.length;
      // alone in its task (nothing read fast), then next to a file read fast
      for (const other of [false, true]) {
        if (other) writeFileSync(join(dir, "client_2.log.txt"), good.join("\n") + "\n");
        const { code, rows, stderr } = await runJson([root]);
        assert.equal(code, 0, stderr);
        const skipped = [...stderr.matchAll(/client_1\.log\.txt:(\d+): line skipped/g)].map((m) =>
          Number(m[1]),
        );
        assert.deepEqual(skipped, [2, second]);
        assert.equal(rows[0]!.success_before, other ? 7 : 3);
      }
    });
  }
});

/**
 * The fused read (queries/ingest/ingest_client_fused.sql) numbers a row by its rank in one read of
 * several files, which holds only while every line is one row. Lines that break that and still look
 * whole to clientFileStats.ts (they start with `{` and end with `}`) must be caught there and sent to
 * the staged read, with every file after them: two records on one line (one line, two rows) and a
 * record left open inside (the reader may take the next line into it).
 */
describe("ingest of client logs whose lines look whole but are not", () => {
  const work = mkdtempSync(join(tmpdir(), "ftparse-fused-"));
  after(() => rmSync(work, { recursive: true, force: true }));
  const source = fixture("perf", "blank-lines", SCENARIO);
  const good = readFileSync(join(source, "client_1.log.txt"), "utf8").split("\n").slice(0, 4);
  const open = '{"time": "2025-09-24T18:02:59", "results": [{"status": 200, "result": {"x": {"y": 1}';

  it("reports the right lines, stores every other line under its own number and counts it", () => {
    const root = join(work, "tree");
    const dir = join(root, SCENARIO);
    mkdirSync(dir, { recursive: true });
    cpSync(join(source, "test.log.txt"), join(dir, "test.log.txt"));
    const write = (name: string, lines: string[]) => writeFileSync(join(dir, name), lines.join("\n") + "\n");
    write("client_0.log.txt", good);
    write("client_1.log.txt", [`${good[0]} ${good[1]}`, ...good.slice(2)]);
    write("client_2.log.txt", [good[0]!, open, ...good.slice(1)]);
    write("client_3.log.txt", good);
    const db = join(work, "h.duckdb");
    const ingest = spawnSync(process.execPath, [bin, "ingest", root, "--db", db], {
      env: { ...process.env, FTPARSE_PROFILE: "1" },
      encoding: "utf8",
    });
    assert.equal(ingest.status, 0, ingest.stderr);
    assert.match(ingest.stderr, /sql ingest_client_fused/, "the fused read ran");
    const skipped = [...ingest.stderr.matchAll(/(client_\d)\.log\.txt:(\d+): line skipped/g)].map(
      (m) => `${m[1]}:${m[2]}`,
    );
    assert.deepEqual(skipped.sort(), ["client_1:1", "client_2:2"]);
    const query = spawnSync(
      process.execPath,
      [
        bin,
        "query",
        "--db",
        db,
        "--format",
        "json",
        "SELECT regexp_extract(file, 'client_[0-9]') AS f, list(line_no ORDER BY line_no) AS l, " +
          "count(*) FILTER (WHERE success) AS ok FROM requests GROUP BY 1 ORDER BY 1",
      ],
      { encoding: "utf8" },
    );
    assert.equal(query.status, 0, query.stderr);
    assert.deepEqual(JSON.parse(query.stdout), [
      { f: "client_0", l: [1, 2, 3, 4], ok: 4 },
      { f: "client_1", l: [2, 3], ok: 2 },
      { f: "client_2", l: [1, 3, 4, 5], ok: 4 },
      { f: "client_3", l: [1, 2, 3, 4], ok: 4 },
    ]);
  });
});

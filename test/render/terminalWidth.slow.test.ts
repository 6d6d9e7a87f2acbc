/**
 * Tables fitted to the terminal: every table command run under a pseudo-terminal 80 and 200 columns
 * wide prints no line wider than the terminal; piped output is not fitted; and the fitting works for
 * any set of columns (random tables).
 */
import assert from "node:assert/strict";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fitTable, middleEllipsis, tableWidth, visibleWidth } from "../../src/render/fit.js";
import { renderTable } from "../../src/render/table.js";
import { fixture, repoRoot, runCli } from "../helpers.js";
import { copyScenario, frontendScenario, legacy, tempDir } from "../history/helpers.js";
import { plain, runInTerminal, widestLine } from "../terminal.js";

let dir: string;
let cleanup: () => Promise<void>;
let db: string;
before(async () => {
  ({ dir, cleanup } = await tempDir());
  db = join(dir, "history.duckdb");
  assert.equal((await runCli(["ingest", legacy, "--db", db, "--label", "commit=aaa"])).code, 0);
  const root = await copyScenario(dir, frontendScenario, "half");
  for (const n of [0, 1, 2, 3, 4]) await rm(join(root, frontendScenario, `client_${n}.log.txt`));
  assert.equal(
    (await runCli(["ingest", root, "--db", db, "--label", "commit=bbb", "--run-id", "nightly-2"])).code,
    0,
  );
});
after(() => cleanup());

const commands: [string, () => string[], RegExp][] = [
  ["report", () => [legacy], /decode_worker_pod|decode…/],
  ["report --extended", () => [legacy, "--extended"], /Clients/],
  ["report --as dynamo", () => [legacy, "--as", "dynamo"], /Failure/],
  ["check", () => ["check", legacy, "--no-step-summary"], /PASS|FAIL/],
  ["runs", () => ["runs", "--db", db], /nightly-2/],
  ["compare", () => ["compare", "1", "nightly-2", "--db", db], /success_before/],
  ["trend", () => ["trend", "--metric", "recovery_s", "--db", db], /recovery_s/],
];

describe("tables in a terminal", () => {
  for (const columns of [80, 200]) {
    for (const [name, args, expected] of commands) {
      it(`${name}: no line wider than ${columns} columns`, async () => {
        const r = await runInTerminal(args(), { columns });
        assert.match(plain(r.text), expected);
        const widest = widestLine(r.text);
        assert.ok(widest.width <= columns, `${widest.width} > ${columns}: ${widest.line}`);
      });
    }
  }

  it("a wide terminal keeps the reference table whole (one table per group)", async () => {
    const r = plain((await runInTerminal([legacy], { columns: 200 })).text);
    const groups = (r.match(/^Test Group: /gm) ?? []).length;
    assert.ok(groups > 1);
    assert.equal((r.match(/^╒/gm) ?? []).length, groups);
  });

  it("a narrow one splits it, each part led by the Failure column", async () => {
    const r = plain((await runInTerminal([legacy], { columns: 80 })).text);
    const tables = r.split(/^╒.*$/m).slice(1);
    assert.ok(tables.length > (r.match(/^Test Group: /gm) ?? []).length);
    for (const t of tables) assert.match(t.split("\n")[1]!, /^│ +Failure +│/);
  });

  it("piped output is not fitted: the table is the same as in-process, whatever COLUMNS says", async () => {
    const inProcess = await runCli([fixture("samples", "legacy"), "--format", "table"]);
    const { execFile } = await import("node:child_process");
    const { promisify } = await import("node:util");
    const piped = await promisify(execFile)(
      process.execPath,
      [join(repoRoot, "dist", "src", "bin.js"), legacy, "--format", "table"],
      { env: { ...process.env, COLUMNS: "60" } },
    );
    assert.equal(piped.stdout, inProcess.stdout);
    assert.ok(widestLine(piped.stdout).width > 80);
  });
});

describe("fitTable (any columns)", () => {
  // a small deterministic generator: tables of 2–16 columns, text or numbers, some long names
  let seed = 7;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const word = (n: number) => Array.from({ length: n }, () => "abcdefghij_-"[rand(12)]).join("");

  it("every rendered line fits, no cell is lost and numbers are never cut", () => {
    for (let k = 0; k < 200; k++) {
      const n = 2 + rand(15);
      const text = Array.from({ length: n }, (_, i) => i === 0 || rand(4) === 0);
      const headers = text.map((_, i) => (i === 0 ? "Failure" : `${word(3 + rand(8))} ${word(2 + rand(6))}`));
      const rows = Array.from({ length: 1 + rand(5) }, () =>
        text.map((isText) => (isText ? word(1 + rand(40)) : String(rand(100000) / 100))),
      );
      const align = text.map((isText) => (isText ? "center" : "right") as "center" | "right");
      const width = 60 + rand(150);
      const out = renderTable({ headers, rows, align, color: false, width });
      assert.ok(widestLine(out).width <= width, `${widestLine(out).line} > ${width}`);
      for (const r of rows) for (const [i, v] of r.entries()) if (!text[i]) assert.ok(out.includes(v), v);
      const parts = fitTable({ headers, rows, align }, width);
      assert.equal(new Set(parts.flatMap((p) => p.headers.slice(1))).size, n - 1, "every column kept");
    }
  });

  it("a table that fits is left as it is", () => {
    const t = {
      headers: ["Failure", "Recovery"],
      rows: [["frontend", "3.64"]],
      align: ["center", "right"] as ("center" | "right")[],
    };
    assert.deepEqual(fitTable(t, tableWidth([8, 8])), [t]);
    assert.equal(visibleWidth("\u001b[31mFAIL\u001b[39m"), 4);
  });

  it("middle ellipsis keeps both ends", () => {
    assert.equal(middleEllipsis("vllm_decode_engine_core", 12), "vllm_d…_core");
    assert.equal([...middleEllipsis("vllm_decode_engine_core", 12)].length, 12);
  });
});

/**
 * The guard of the fused client-log read (queries/ingest/ingest_client_fused.sql): a row's line number
 * is its rank in the read minus the lines of the files before it, which is right only while the reader
 * gives one row per line. clientFileStats.ts keeps the files where it would not out of that read; here
 * a reader that gave a row more or fewer than a file's lines is stood in for by a line count off by one:
 * every file whose numbers come out wrong must be handed back to the staged read (legacy.ts), with none
 * of its rows kept.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Db } from "../../src/db.js";
import { openDatabase } from "../../src/schema.js";
import { fixture } from "../helpers.js";

const source = fixture("perf", "blank-lines", "test_fault_scenario[agg-tp-1-dp-1-none]", "client_1.log.txt");

describe("the fused client-log read's line-number guard", () => {
  const work = mkdtempSync(join(tmpdir(), "ftparse-fused-guard-"));
  // three logs of three good request lines each
  const good = readFileSync(source, "utf8").split("\n").slice(0, 3);
  const files = [0, 1, 2].map((i) => join(work, `client_${i}.log.txt`));
  let db: Db;
  before(async () => {
    mkdirSync(work, { recursive: true });
    for (const f of files) writeFileSync(f, good.join("\n") + "\n");
    db = await openDatabase();
    await db.exec("staging");
  });
  after(() => {
    db.close();
    rmSync(work, { recursive: true, force: true });
  });

  /** Read the logs claiming `lines` lines each; returns the files handed back and the rows kept. */
  async function read(lines: number[], scenario: number) {
    let before = 0;
    await db.append(
      "client_fused_files",
      ["UBIGINT", "VARCHAR", "BIGINT", "VARCHAR", "BIGINT", "BIGINT", "BIGINT"],
      files.map((f, i) => {
        const row = [i, f, scenario, String(i), lines[i]!, 65536, before];
        before += lines[i]!;
        return row;
      }),
    );
    await db.exec("ingest_client_fused", { paths: files, tz: "UTC" });
    const redo = (await db.all("client_fused_redo_files")).map((r) => files.indexOf(String(r.file)));
    const kept = await db.sql(
      "SELECT client, list(line_no ORDER BY line_no) AS l, count(*) FILTER (WHERE attempt < 0) AS marks " +
        "FROM requests WHERE scenario_id = $s GROUP BY 1 ORDER BY 1",
      { s: scenario },
    );
    return { redo, kept: kept.map((r) => [r.client, r.l, Number(r.marks)]) };
  }

  it("keeps every row under its line number when each file gives one row per line", async () => {
    assert.deepEqual(await read([3, 3, 3], 1), {
      redo: [],
      kept: [
        ["0", [1, 2, 3], 0],
        ["1", [1, 2, 3], 0],
        ["2", [1, 2, 3], 0],
      ],
    });
  });

  it("hands back a file that gave a row more than its lines, and every file after it", async () => {
    assert.deepEqual(await read([2, 3, 3], 2), { redo: [0, 1, 2], kept: [] });
  });

  it("hands back every file after one that gave a row fewer than its lines", async () => {
    // (a real reader gives a row fewer only with a broken row in that file, which is marked too)
    assert.deepEqual(await read([4, 3, 3], 3), { redo: [1, 2], kept: [["0", [1, 2, 3], 0]] });
  });
});

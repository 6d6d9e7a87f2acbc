/**
 * Line numbers of skipped client-log lines survive the fast path (queries/ingest_client_logs.sql):
 * blank and whitespace-only lines are invisible to DuckDB's NDJSON reader, so a file holding them must
 * take the exact line map, while a file without them keeps reader rank = line number.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fixture, runJson } from "../helpers.js";

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

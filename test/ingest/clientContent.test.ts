/**
 * The reference's content rule (docs/layouts/legacy.md#success-rule) on files the fast client-log read handles alone and
 * on files it hands to the exact read: the fast read types the message as two VARCHAR fields, which
 * cannot tell a missing `content` from a null one, nor a string from an object's JSON text
 * (queries/staging.sql, content_suspect). Every case must come out as the reference counts it.
 */
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fixture } from "../helpers.js";
import { loadInto, type LoadedDb } from "./load.js";

const name = "test_fault_scenario[edge-tp-1-dp-1-custom_chaos]";
const long = (n: number, c = "x") => c.repeat(n);

/** A client log line whose one attempt has this `message` object. */
function line(second: number, message: Record<string, unknown>): string {
  return JSON.stringify({
    time: `2025-10-01T12:01:${String(second).padStart(2, "0")}`,
    results: [
      {
        status: 200,
        result: { choices: [{ index: 0, message }], usage: { completion_tokens: 100 } },
        request_elapsed_time: 1.0,
        pod: "frontend-bbb",
      },
    ],
  });
}

// [message, success, content_chars] as the reference counts them
const cases: [Record<string, unknown>, boolean, number | null][] = [
  [{ content: long(120), role: "assistant" }, true, 120],
  [{ content: null, reasoning_content: long(150) }, false, null], // `content` exists: it counts
  [{ reasoning_content: long(150) }, true, 150], // no `content`: reasoning counts
  [{ content: { text: long(120) } }, false, null], // not a string, though its JSON is long
  [{ content: [long(60), long(60)] }, false, null],
  [{ content: `{${long(119)}` }, true, 120], // a string that starts like an object
  [{ content: 12345 }, false, null],
  [{ content: true }, false, null],
  [{ content: "", reasoning_content: long(150) }, false, 0],
  [{ content: `é${long(99)}` }, true, 100], // characters, not bytes
  [{ role: "assistant" }, false, null],
];

describe("client content rule: fast read and exact read agree with the reference", () => {
  let root: string;
  let loaded: LoadedDb;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), "ftparse-content-"));
    cpSync(fixture("edge", name), join(root, name), { recursive: true });
    // client_0: every case (its suspect lines send it to the exact read); client_1: only the cases
    // the fast read may decide alone, so that file is never read again.
    const all = cases.map(([m], i) => line(i, m));
    const plain = [0, 8, 9, 10].map((i) => line(i, cases[i]![0]));
    writeFileSync(join(root, name, "client_0.log.txt"), all.join("\n") + "\n");
    writeFileSync(join(root, name, "client_1.log.txt"), plain.join("\n") + "\n");
    // the report's ingest (not a --db store): the one that uses the fast read's typing
    loaded = await loadInto([root], "UTC", false);
  });
  after(() => {
    loaded.db.close();
    rmSync(root, { recursive: true, force: true });
  });

  async function outcomes(client: string) {
    const rows = await loaded.q(
      `SELECT line_no, success, content_chars FROM requests WHERE client = $client ORDER BY line_no`,
      { client },
    );
    return rows.map((r) => [r.line_no, r.success, r.content_chars]);
  }

  it("counts every case of a file the exact read takes over", async () => {
    assert.deepEqual(
      await outcomes("0"),
      cases.map(([, success, chars], i) => [i + 1, success, chars]),
    );
  });

  it("counts the plain cases the fast read decides, at their own line numbers", async () => {
    assert.deepEqual(
      await outcomes("1"),
      [0, 8, 9, 10].map((c, i) => [i + 1, cases[c]![1], cases[c]![2]]),
    );
  });

  it("warns about nothing: every line is a request record", () => {
    assert.equal(loaded.warnings.count, 0);
  });
});

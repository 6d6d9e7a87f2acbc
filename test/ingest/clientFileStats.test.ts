/**
 * What clientFileStats.ts tells of a client log before DuckDB reads it: lines, the longest, and the two
 * byte checks that route a file to the fused or the staged read (legacy.ts): `braced` (every line
 * starts with `{`) and `closed` (every line ends with `}`). Fed whole and cut at every byte, as a
 * file over the whole-read size arrives in chunks.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { LineCounter } from "../../src/ingest/readers/clientFileStats.js";

function count(pieces: readonly string[]) {
  const c = new LineCounter();
  for (const p of pieces) c.add(Buffer.from(p, "latin1"));
  c.finish();
  return { lines: c.lines, longest: c.longest, braced: c.braced, closed: c.closed };
}

/** The counts of `text` whole, checked equal for every cut into two and three pieces. */
function counted(text: string) {
  const whole = count([text]);
  for (let i = 0; i <= text.length; i++) {
    assert.deepEqual(count([text.slice(0, i), text.slice(i)]), whole, `cut at ${i}`);
    for (let j = i; j <= text.length; j += 3) {
      assert.deepEqual(
        count([text.slice(0, i), text.slice(i, j), text.slice(j)]),
        whole,
        `cut at ${i}, ${j}`,
      );
    }
  }
  return whole;
}

describe("client log byte checks (clientFileStats.ts)", () => {
  it("finds every line closed when each ends with }, trailing spaces, tabs and \\r aside", () => {
    assert.deepEqual(counted('{"a":1}\n{"b":2} \t\r\n{"c":3}'), {
      lines: 3,
      longest: 10,
      braced: true,
      closed: true,
    });
    assert.deepEqual(counted('{"a":1}\n{"b":2}\n'), { lines: 2, longest: 7, braced: true, closed: true });
  });

  it("finds a line cut short, in the middle or at the end, with or without a final newline", () => {
    for (const text of [
      '{"a":1}\n{"b":\n{"c":3}\n',
      '{"a":1}\n{"b":2',
      '{"a":1}\n{"b":2\n',
      '{"a":1}\n{"b":2}x\n',
    ]) {
      const r = counted(text);
      assert.equal(r.closed, false, JSON.stringify(text));
      assert.equal(r.braced, true, JSON.stringify(text));
    }
  });

  it("finds a blank or whitespace-only line neither braced nor closed", () => {
    for (const text of ['{"a":1}\n\n{"c":3}\n', '{"a":1}\n  \n{"c":3}\n']) {
      const r = counted(text);
      assert.equal(r.lines, 3);
      assert.equal(r.braced, false);
      assert.equal(r.closed, false);
    }
  });

  it("counts no line in an empty file, which is braced and closed (it has no lines to check)", () => {
    assert.deepEqual(counted(""), { lines: 0, longest: 0, braced: true, closed: true });
  });
});

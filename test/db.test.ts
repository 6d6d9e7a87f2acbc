import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Db, toPlainValue } from "../src/db.js";
import { openDatabase } from "../src/schema.js";

describe("toPlainValue(v)", () => {
  it("turns BIGINT into numbers when safe and strings beyond", () => {
    assert.equal(toPlainValue(42n), 42);
    assert.equal(toPlainValue(2n ** 60n), "1152921504606846976");
  });
  it("turns times into ISO strings and NaN into null", () => {
    assert.equal(toPlainValue(new Date("2025-01-01T00:00:00Z")), "2025-01-01T00:00:00.000Z");
    assert.equal(toPlainValue(Number.NaN), null);
  });
});

describe("Db", () => {
  let db: Db;
  before(async () => {
    db = await openDatabase();
  });
  after(() => db.close());

  it("binds parameters by name, including lists and times, never as SQL text", async () => {
    const evil = "x'); DROP TABLE runs; --";
    const [row] = await db.sql("SELECT $name AS name, len($list) AS n, $t AS t, $missing_ok AS m", {
      name: evil,
      list: ["a", "b"],
      t: new Date("2025-10-01T10:00:00Z"),
      missing_ok: null,
    });
    assert.deepEqual(row, { name: evil, n: 2, t: "2025-10-01T10:00:00.000Z", m: null });
    assert.deepEqual(await db.sql("SELECT count(*) AS n FROM runs"), [{ n: 0 }]);
  });

  it("refuses to run a query with a parameter that was not given", async () => {
    await assert.rejects(() => db.sql("SELECT $nope AS x"), /parameter \$nope was not given/);
  });

  it("appends rows, padding missing columns with NULL", async () => {
    await db.append(
      "ingest_issues",
      ["BIGINT", "BIGINT", "VARCHAR", "BIGINT", "VARCHAR", "VARCHAR"],
      [[1, 2, "f", 3, "warning", "m"]],
    );
    assert.deepEqual(await db.sql("SELECT run_id, file, line_no, message FROM ingest_issues"), [
      { run_id: 1, file: "f", line_no: 3, message: "m" },
    ]);
  });

  it("rolls a failed transaction back", async () => {
    await assert.rejects(() =>
      db.transaction(async () => {
        await db.sql("INSERT INTO known_failures VALUES ('temporary', 99)");
        throw new Error("boom");
      }),
    );
    assert.deepEqual(await db.sql("SELECT count(*) AS n FROM known_failures WHERE name = 'temporary'"), [
      { n: 0 },
    ]);
  });
});

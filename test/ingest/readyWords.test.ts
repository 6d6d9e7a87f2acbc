import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Db } from "../../src/db.js";
import { querySource } from "../../src/queries.js";
import { openDatabase } from "../../src/schema.js";

// The pre-test before the ready patterns' regular expression (queries/reference_data.sql: ready_words,
// used by ingest_pod_logs.sql) must never reject a line the expression accepts.
describe("ready_words (pod-log pre-test)", () => {
  let db: Db;
  before(async () => {
    db = await openDatabase();
    await db.exec("reference_data");
  });
  after(() => db.close());

  it("holds one word of every alternative of every ready pattern", async () => {
    const [row] = await db.sql("SELECT list_sort(getvariable('ready_words')) AS words");
    assert.deepEqual(row!.words, [
      "PrefillWorker",
      "TrtllmWorker",
      "VllmWorker",
      "added",
      "initialized",
      "registered",
      "registration",
    ]);
  });

  it("is NULL (no pre-test) when a pattern uses other regular-expression syntax", async () => {
    // the statement of reference_data.sql that derives the words, run again on other patterns
    const text = querySource("reference_data");
    const start = text.indexOf("SET VARIABLE ready_words");
    const statement = text.slice(start, text.indexOf(");\n", start) + 2);
    const wordsFor = async (patterns: string[]) => {
      await db.sql("CREATE OR REPLACE TEMP TABLE ready_patterns (service VARCHAR, pattern VARCHAR)");
      for (const pattern of patterns)
        await db.sql("INSERT INTO ready_patterns VALUES ('x', $p)", { p: pattern });
      await db.sql(statement);
      const [row] = await db.sql("SELECT list_sort(getvariable('ready_words')) AS words");
      return row!.words;
    };
    try {
      // the longest word of each alternative
      assert.deepEqual(await wordsFor(["worker ready", "Model (?P<m>.*?) up|serving now"]), [
        "Model",
        "serving",
        "worker",
      ]);
      assert.equal(await wordsFor(["worker ready", "engine [0-9]+ up"]), null);
      assert.equal(await wordsFor(["(?i)worker ready"]), null);
      // an empty alternative matches every line
      assert.equal(await wordsFor(["ready|"]), null);
    } finally {
      await db.exec("reference_data");
    }
  });

  it("accepts every line the ready expression accepts, colour codes and model names included", async () => {
    // each alternative written out as a log line: the model group filled in, words joined by colour
    // codes and runs of spaces, with text around it
    const rows = await db.sql(`
      WITH alts AS (
        SELECT service, unnest(string_split(regexp_replace(pattern, '\\(\\?P<\\w+>\\.\\*\\?\\)', 'Qwen/Qwen3-0.6B', 'g'), '|')) AS alt
        FROM ready_patterns),
      lines AS (
        SELECT service, alt, '2025-09-24T18:48:11Z INFO x: ' || replace(alt, ' ', sep) || ' (tail)' AS line
        FROM alts, (VALUES (' '), ('  '), (chr(27) || '[1m ' || chr(27) || '[0m')) s(sep))
      SELECT service, alt, line,
             regexp_matches(line, getvariable('ready_any')) AS matched,
             list_bool_or([contains(line, w) FOR w IN getvariable('ready_words')]) AS pretested
      FROM lines`);
    assert.ok(rows.length >= 30, `${rows.length} lines`);
    for (const r of rows) {
      assert.equal(r.matched, true, `${String(r.service)}: ${String(r.line)}`);
      assert.equal(r.pretested, true, `${String(r.service)}: ${String(r.line)}`);
    }
  });
});

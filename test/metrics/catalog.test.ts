/**
 * The metric catalog (src/metrics/catalog.ts) and the metric views (queries/views/) list the same
 * metrics: a view column nobody catalogued, or a catalog row no view computes, fails here. This is
 * the test step of adding a metric (docs/development.md#adding-a-metric).
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Db } from "../../src/db.js";
import { metricNames } from "../../src/history/metrics.js";
import { EXTENDED_DEFAULTS, METRICS, STORED_METRICS } from "../../src/metrics/catalog.js";
import { openDatabase } from "../../src/schema.js";
import { runCli } from "../helpers.js";

/** Columns of a summary row that name or order a scenario: not metrics. */
const NOT_METRICS = new Set(["scenario_id", "run_id", "failure_order"]);
const NUMERIC =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL)/;

describe("metric catalog ⇔ metric views", () => {
  let db: Db;
  before(async () => {
    db = await openDatabase();
  });
  after(() => db.close());

  /** The numeric columns of a view, ids and the display order left out. */
  async function metricColumns(view: string): Promise<string[]> {
    const rows = await db.sql(`DESCRIBE ${view}`);
    return rows
      .filter((r) => NUMERIC.test(String(r.column_type)) && !NOT_METRICS.has(String(r.column_name)))
      .map((r) => String(r.column_name));
  }

  it("every numeric column of summary and summary_ext is a catalog row, and every row a column", async () => {
    const columns = [...(await metricColumns("summary")), ...(await metricColumns("summary_ext"))];
    assert.deepEqual([...columns].sort(), METRICS.map((m) => m.key).sort());
  });

  it("history keeps exactly the catalog's stored metrics (all but the --sla ones)", async () => {
    assert.deepEqual([...(await metricNames(db))].sort(), [...STORED_METRICS].sort());
    assert.deepEqual(
      METRICS.filter((m) => m.sla).map((m) => m.key),
      ["violations_before", "violations_after"],
    );
  });

  it("a history session binds the parameter defaults the catalog holds (the SQL has none)", async () => {
    const [row] = await db.sql(
      "SELECT getvariable('window_s') AS w, getvariable('recovered_ratio') AS r, getvariable('bucket_s') AS b",
    );
    assert.deepEqual(row, {
      w: EXTENDED_DEFAULTS.windowS,
      r: EXTENDED_DEFAULTS.recoveredRatio,
      b: EXTENDED_DEFAULTS.bucketS,
    });
  });

  it("--window shows the catalog's default", async () => {
    const help = (await runCli(["report", "--help"])).stdout;
    assert.match(
      help,
      new RegExp(`--window <seconds>[\\s\\S]*?\\(default: "${EXTENDED_DEFAULTS.windowS}"\\)`),
    );
  });
});

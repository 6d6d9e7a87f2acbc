/**
 * The rows of the metrics views (metrics/views.ts) as the commands read them: the summary, the
 * `--as dynamo` tables, the `--aggregate` rows.
 */
import type { Db, Row } from "../db.js";
import { createDynamoViews, createSummaryViews } from "./views.js";

/** One `--as dynamo` row: a scenario, its summary row, and what Dynamo's parser prints for it. */
export interface DynamoRow {
  scenario: Row;
  summary: Row | undefined;
  dynamo: Record<string, unknown>;
}

/** Create the summary view for this session's parameters and read the rows of the given runs. */
export async function computeSummary(
  db: Db,
  runIds: readonly number[],
  sla: number | undefined,
): Promise<Row[]> {
  await createSummaryViews(db, sla);
  return db.all("summary_rows", { run_ids: runIds });
}

/**
 * The `--as dynamo` rows (queries/dynamo_*.sql): Dynamo's AI-Perf table and FaultToleranceReport rows
 * per scenario, joined to the summary rows by scenario.
 */
export async function computeDynamo(
  db: Db,
  runIds: readonly number[],
  summaryRows: readonly Row[],
): Promise<DynamoRow[]> {
  await createDynamoViews(db);
  const bySummary = new Map(summaryRows.map((r) => [Number(r.scenario_id), r]));
  return (await db.all("dynamo_rows", { run_ids: runIds })).map(({ dynamo, ...scenario }) => ({
    scenario,
    summary: bySummary.get(Number(scenario.scenario_id)),
    dynamo: JSON.parse(String(dynamo)) as Record<string, unknown>,
  }));
}

/** The rows of view `summary_aggregate` (`--aggregate`) over these summary rows' scenarios. */
export async function computeAggregate(db: Db, rows: readonly Row[]): Promise<Row[]> {
  await db.exec("summary_aggregate");
  return db.all("summary_aggregate_rows", { scenario_ids: rows.map((r) => Number(r.scenario_id)) });
}

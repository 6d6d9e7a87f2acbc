/** Recording a problem found while reading a scenario (ingest_issues; warned about by the command). */
import type { IngestContext } from "./types.js";

export async function addIssue(
  ctx: IngestContext,
  scenarioId: number,
  file: string,
  message: string,
  line: number | null = null,
): Promise<void> {
  await ctx.db.append(
    "ingest_issues",
    ["BIGINT", "BIGINT", "VARCHAR", "BIGINT", "VARCHAR", "VARCHAR"],
    [[ctx.runId, scenarioId, file, line, "warning", message]],
  );
}

/**
 * Recording ingest issues from TypeScript: one helper, so every adapter writes `ingest_issues` rows
 * the same way (SQL readers insert theirs directly in queries/*.sql). Commands warn about them.
 */
import type { IngestContext } from "./types.js";

export interface Issue {
  scenarioId: number;
  file: string;
  line?: number;
  message: string;
  severity?: "warning" | "error";
}

export async function addIssues(ctx: IngestContext, issues: readonly Issue[]): Promise<void> {
  await ctx.db.append(
    "ingest_issues",
    ["BIGINT", "BIGINT", "VARCHAR", "BIGINT", "VARCHAR", "VARCHAR"],
    issues.map((i) => [ctx.runId, i.scenarioId, i.file, i.line ?? null, i.severity ?? "warning", i.message]),
  );
}

/** One warning about a file (and line, when known). */
export async function addIssue(
  ctx: IngestContext,
  scenarioId: number,
  file: string,
  message: string,
  line: number | null = null,
): Promise<void> {
  await addIssues(ctx, [{ scenarioId, file, message, line: line ?? undefined }]);
}

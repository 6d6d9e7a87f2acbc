/**
 * test.log.txt (legacy and AI-Perf layouts): deployment start, ready and fault-injection markers,
 * read by queries/ingest_test_logs.sql. A scenario without the file gets an issue, not an error.
 */
import type { IngestContext } from "./types.js";
import { msg } from "../messages.js";
import { splitReadable } from "./textFiles.js";

export interface TestLogFile {
  scenarioId: number;
  file: string;
  exists: boolean;
}

export async function ingestTestLogs(files: readonly TestLogFile[], ctx: IngestContext): Promise<void> {
  const present = files.filter((f) => f.exists);
  const missing = files.filter((f) => !f.exists);
  await ctx.db.append(
    "ingest_issues",
    ["BIGINT", "BIGINT", "VARCHAR", "BIGINT", "VARCHAR", "VARCHAR"],
    missing.map((f) => [ctx.runId, f.scenarioId, f.file, null, "warning", msg.missingTestLog]),
  );
  if (present.length === 0) return;
  await ctx.db.append(
    "test_log_files",
    ["VARCHAR", "BIGINT"],
    present.map((f) => [f.file, f.scenarioId]),
  );
  const readable = await splitReadable(present, ctx);
  const paths = present.map((f) => f.file);
  await ctx.db.exec("ingest_test_logs", { files: paths, readable, tz: ctx.tz, run_id: ctx.runId });
}

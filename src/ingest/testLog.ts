/**
 * test.log.txt (legacy and AI-Perf layouts): deployment start, ready and fault-injection markers,
 * read by queries/ingest_test_logs.sql. A scenario without the file gets an issue, not an error.
 */
import type { IngestContext } from "./types.js";
import { msg } from "../messages.js";
import { splitReadable } from "./textFiles.js";
import { addIssues } from "./issues.js";

export interface TestLogFile {
  scenarioId: number;
  file: string;
  /** Why the file cannot be read (missing, a folder, unreadable…); undefined when it can. */
  problem?: string;
}

export async function ingestTestLogs(files: readonly TestLogFile[], ctx: IngestContext): Promise<void> {
  const present = files.filter((f) => f.problem === undefined);
  await addIssues(
    ctx,
    files
      .filter((f) => f.problem !== undefined)
      .map((f) => ({ scenarioId: f.scenarioId, file: f.file, message: msg.noTestLog(f.problem!) })),
  );
  if (present.length === 0) return;
  await ctx.db.append(
    "test_log_files",
    ["VARCHAR", "BIGINT"],
    present.map((f) => [f.file, f.scenarioId]),
  );
  const readable = await splitReadable(present, ctx);
  await ctx.db.exec("ingest_test_logs", { files: readable, tz: ctx.tz, run_id: ctx.runId });
}

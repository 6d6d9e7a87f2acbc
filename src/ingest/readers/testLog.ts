/**
 * test.log.txt (every layout): deployment start, ready and fault markers, read by
 * queries/ingest_test_logs.sql. The harness generations write different line formats and markers
 * (the `dialect`: legacy, aiperf = G1, events = G2). A scenario without the file gets an issue, not an error.
 */
import type { IngestContext, Layout } from "../types.js";
import { msg } from "../../messages.js";
import { loadTexts } from "./textFiles.js";
import { MAX_OPEN_DIRS } from "../fs/readerPaths.js";
import { addIssues } from "../issues.js";

export interface TestLogFile {
  scenarioId: number;
  file: string;
  /** Why the file cannot be read (missing, a folder, unreadable…); undefined when it can. */
  problem?: string;
  /** Which harness wrote it; legacy when absent. */
  dialect?: Layout;
}

export async function ingestTestLogs(files: readonly TestLogFile[], ctx: IngestContext): Promise<void> {
  const present = files.filter((f) => f.problem === undefined);
  await addIssues(
    ctx,
    files
      .filter((f) => f.problem !== undefined)
      .map((f) => ({ scenarioId: f.scenarioId, file: f.file, message: msg.noTestLog(f.problem!) })),
  );
  // in parts, so that a part's reader holds few directories open (readerPaths.ts: one per scenario here)
  for (let start = 0; start < present.length; start += TEST_LOGS_PER_PART) {
    const part = present.slice(start, start + TEST_LOGS_PER_PART);
    await ctx.db.append(
      "test_log_files",
      ["VARCHAR", "BIGINT", "VARCHAR"],
      part.map((f) => [f.file, f.scenarioId, f.dialect ?? "legacy"]),
    );
    await loadTexts(part, ctx);
    await ctx.db.exec("ingest_test_logs", { tz: ctx.tz, run_id: ctx.runId });
  }
}

const TEST_LOGS_PER_PART = MAX_OPEN_DIRS / 2;

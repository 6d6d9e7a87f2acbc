/**
 * The legacy layout (G0, legacy-layout.md): client_N.log.txt + test.log.txt + per-service pod folders.
 * Builds the file manifests for a batch of scenarios and lets DuckDB read them all in one pass
 * (queries/ingest_client_*.sql): one read_json over every client log of every scenario, not one per file.
 */
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import type { Adapter, IngestContext } from "./types.js";
import { ingestServiceFiles, listServiceFiles, type ServiceFile } from "./serviceFolders.js";
import { ingestTestLogs, type TestLogFile } from "./testLog.js";
import { splitReadable } from "./textFiles.js";
import { globLiterals } from "../db.js";

const CLIENT_LOG = /^client_.*\.log\.txt$/;

export const legacyAdapter: Adapter = {
  layout: "legacy",
  async detect(_dir, entries) {
    return entries.some((e) => CLIENT_LOG.test(e)) || entries.includes("test.log.txt");
  },
  async ingest(scenarios, ctx) {
    const clientFiles: [string, number, string][] = [];
    const testLogs: TestLogFile[] = [];
    const serviceFiles: ServiceFile[] = [];
    for (const s of scenarios) {
      const entries = await readdir(s.dir, { withFileTypes: true });
      for (const e of entries) {
        if (e.isFile() && CLIENT_LOG.test(e.name))
          clientFiles.push([join(s.dir, e.name), s.scenarioId, clientId(e.name)]);
      }
      testLogs.push({
        scenarioId: s.scenarioId,
        file: join(s.dir, "test.log.txt"),
        exists: entries.some((e) => e.name === "test.log.txt" && e.isFile()),
      });
      const serviceDirs = entries.filter((e) => e.isDirectory()).map((e) => e.name);
      serviceFiles.push(...(await listServiceFiles(s.scenarioId, s.dir, serviceDirs, ctx)));
    }
    await ingestClientLogs(clientFiles, ctx);
    await ingestTestLogs(testLogs, ctx);
    await ingestServiceFiles(serviceFiles, ctx);
  },
};

/** `client_3.log.txt` → `3`: the text between the first `_` and the next `.` (as the reference does). */
export function clientId(fileName: string): string {
  const rest = fileName.slice(fileName.indexOf("_") + 1);
  return rest.slice(0, rest.indexOf("."));
}

async function ingestClientLogs(files: [string, number, string][], ctx: IngestContext): Promise<void> {
  if (files.length === 0) return;
  const { db } = ctx;
  const paths = files.map((f) => f[0]);
  await db.append("client_files", ["VARCHAR", "BIGINT", "VARCHAR"], files);
  const readable = await splitReadable(
    files.map(([file, scenarioId]) => ({ file, scenarioId })),
    ctx,
  );
  await db.exec("ingest_client_logs", { files: globLiterals(paths), readable });
  // Files with blank lines need the line map so that issues and rows keep their physical line numbers.
  const withBlankLines = await db.all("client_files_with_blank_lines");
  if (withBlankLines.length > 0) {
    const blank = withBlankLines.map((r) => String(r.file));
    const readableSet = new Set(readable);
    await db.exec("ingest_client_line_map", {
      files: blank,
      readable: globLiterals(blank).filter((f) => readableSet.has(f)),
    });
  }
  await db.exec("ingest_client_requests", { tz: ctx.tz, run_id: ctx.runId });
}

/**
 * Text files DuckDB cannot read. `read_text` refuses a whole file over one invalid UTF-8 byte, and a
 * failed statement would abort an ingest transaction, so files are checked first
 * (queries/invalid_utf8_files.sql over read_blob) and the few that fail are decoded here with U+FFFD
 * replacement into the temp table `decoded_texts`, which every text reader unions with read_text.
 * This is the one place where JS reads file contents line by line, and only for broken files.
 */
import { readFile } from "node:fs/promises";
import type { IngestContext } from "./types.js";
import { globLiterals } from "../db.js";

export interface TextFile {
  file: string;
  scenarioId: number;
}

/**
 * Returns the files `read_text` can read, as reader paths (globLiteral: brackets in names are literal). The others are decoded into `decoded_texts`, with an issue
 * for each line holding invalid bytes.
 */
export async function splitReadable(files: readonly TextFile[], ctx: IngestContext): Promise<string[]> {
  if (files.length === 0) return [];
  const invalid = new Set(
    (await ctx.db.all("invalid_utf8_files", { files: globLiterals(files.map((f) => f.file)) })).map((r) =>
      String(r.file),
    ),
  );
  if (invalid.size === 0) return globLiterals(files.map((f) => f.file));
  await decodeInvalid(
    files.filter((f) => invalid.has(f.file)),
    ctx,
  );
  return globLiterals(files.filter((f) => !invalid.has(f.file)).map((f) => f.file));
}

async function decodeInvalid(files: readonly TextFile[], ctx: IngestContext): Promise<void> {
  const texts: unknown[][] = [];
  const issues: unknown[][] = [];
  const decoder = new TextDecoder("utf-8", { fatal: false });
  for (const f of files) {
    const text = decoder.decode(await readFile(f.file));
    texts.push([f.file, text]);
    const lines = text.split("\n");
    for (let i = 0; i < lines.length; i++) {
      if (lines[i]!.includes("\uFFFD")) {
        issues.push([
          ctx.runId,
          f.scenarioId,
          f.file,
          i + 1,
          "warning",
          "invalid UTF-8 bytes (read as U+FFFD)",
        ]);
      }
    }
  }
  await ctx.db.append("decoded_texts", ["VARCHAR", "VARCHAR"], texts);
  await ctx.db.append(
    "ingest_issues",
    ["BIGINT", "BIGINT", "VARCHAR", "BIGINT", "VARCHAR", "VARCHAR"],
    issues,
  );
}

/**
 * Text files for the SQL readers that split lines (pod logs, metrics, test logs, the client line map):
 * each reader first loads its files' text into the temp table `texts` (queries/load_texts.sql, one
 * read_blob per directory glob), then splits it with the `file_lines()` macro.
 *
 * DuckDB's read_text refuses a whole file over one invalid UTF-8 byte, and a failed statement would
 * abort an ingest transaction, so the text is read as bytes and decoded with try(decode()); the few
 * files that fail are decoded here with U+FFFD replacement, with an issue for each line holding bad
 * bytes. This is the one place where JS reads file contents, and only for broken files.
 */
import { readFile } from "node:fs/promises";
import type { IngestContext } from "../types.js";
import { addIssues, type Issue } from "../issues.js";
import { openReaderFiles, type DirPattern } from "../fs/readerPaths.js";

export interface TextFile {
  file: string;
  scenarioId: number;
}

/**
 * Load the text of `files` into `texts`, replacing the previous reader's. `pattern`: the files'
 * directory pattern, for readerPaths.ts's directory-glob fallback.
 */
export async function loadTexts(
  files: readonly TextFile[],
  ctx: IngestContext,
  pattern?: DirPattern,
  /** Other files already checked as readable that a directory glob may also reach. */
  alsoChecked: readonly string[] = [],
): Promise<void> {
  const wanted = files.map((f) => f.file);
  const reader = openReaderFiles(wanted, pattern, alsoChecked);
  try {
    await ctx.db.exec("load_texts", { paths: reader.paths, names: reader.names, files: reader.files });
  } finally {
    reader.close();
  }
  const invalid = new Set((await ctx.db.all("texts_invalid")).map((r) => String(r.file)));
  if (invalid.size > 0)
    await decodeInvalid(
      files.filter((f) => invalid.has(f.file)),
      ctx,
    );
}

/** Decode files that are not valid UTF-8 into `texts`, with an issue per line holding bad bytes. */
async function decodeInvalid(files: readonly TextFile[], ctx: IngestContext): Promise<void> {
  const issues: Issue[] = [];
  const decoder = new TextDecoder("utf-8", { fatal: false });
  for (const f of files) {
    const text = decoder.decode(await readFile(f.file));
    await ctx.db.exec("replace_text", { file: f.file, content: text });
    text.split("\n").forEach((line, i) => {
      if (line.includes("\uFFFD")) {
        issues.push({
          scenarioId: f.scenarioId,
          file: f.file,
          line: i + 1,
          message: "invalid UTF-8 bytes (read as U+FFFD)",
        });
      }
    });
  }
  await addIssues(ctx, issues);
}

/**
 * What the client-log reader needs to know of each file before and after DuckDB parses it: its size,
 * whether it is valid UTF-8, its number of physical lines and its longest line.
 *
 * Why in JS: DuckDB's NDJSON reader gives no line numbers, so ftparse checks that it read one row per
 * line (queries/client_files_for_exact_read.sql) and re-reads the files where it did not. Counting
 * lines in SQL meant reading every byte a second time through read_blob and decode (~0.25 s of the
 * ~0.9 s client-log ingest on bench/'s 220-scenario tree); here it is a native byte search
 * (Buffer#indexOf) and a native UTF-8 check (buffer.isUtf8) over the file, read off the thread pool
 * while DuckDB works. No line is parsed here.
 */
import { isUtf8 } from "node:buffer";
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";

export interface ClientFileStats {
  bytes: number;
  valid: boolean;
  /** Physical lines: pieces between newlines, the empty piece after a final newline not counted. */
  lines: number;
  longestLine: number;
}

/** Files up to this size are read whole; bigger ones are streamed (memory stays bounded). */
const WHOLE_FILE_BYTES = 64 * 1024 * 1024;
const NEWLINE = 0x0a;

/** Lines of a buffer, continuing a count: `pending` = length of the unfinished line before it. */
class LineCounter {
  lines = 0;
  longest = 0;
  private pending = 0;

  add(buf: Buffer): void {
    let start = 0;
    for (;;) {
      const nl = buf.indexOf(NEWLINE, start);
      if (nl < 0) break;
      this.endLine(this.pending + nl - start);
      this.pending = 0;
      start = nl + 1;
    }
    this.pending += buf.length - start;
  }

  finish(): void {
    if (this.pending > 0) this.endLine(this.pending);
    this.pending = 0;
  }

  private endLine(length: number): void {
    this.lines++;
    if (length > this.longest) this.longest = length;
  }
}

/** Measure one file. Rejects like readFile (the caller has checked the file is readable). */
export async function clientFileStats(file: string): Promise<ClientFileStats> {
  const counter = new LineCounter();
  let valid: boolean;
  let bytes = 0;
  if ((await stat(file)).size <= WHOLE_FILE_BYTES) {
    const buf = await readFile(file);
    counter.add(buf);
    valid = isUtf8(buf);
    bytes = buf.length;
  } else {
    // A streamed UTF-8 check: the decoder keeps a sequence cut at a chunk boundary for the next chunk.
    const decoder = new TextDecoder("utf-8", { fatal: true });
    valid = true;
    for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
      counter.add(chunk);
      bytes += chunk.length;
      if (valid) {
        try {
          decoder.decode(chunk, { stream: true });
        } catch {
          valid = false;
        }
      }
    }
    if (valid) {
      try {
        decoder.decode();
      } catch {
        valid = false;
      }
    }
  }
  counter.finish();
  return { bytes, valid, lines: counter.lines, longestLine: counter.longest };
}

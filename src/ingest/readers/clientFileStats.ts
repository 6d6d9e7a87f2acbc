/**
 * What the client-log reader needs to know of each file before and after DuckDB parses it: its size,
 * whether it is valid UTF-8, its number of physical lines and its longest line.
 *
 * Why in JS: DuckDB's NDJSON reader gives no line numbers, so ftparse checks that it read one row per
 * line (queries/client_files_for_exact_read.sql) and re-reads the files where it did not. Counting
 * lines in SQL meant reading every byte a second time through read_blob and decode (a large share of
 * the client-log ingest, docs/performance.md#measurements-behind-the-code); here it is a native byte search
 * (Buffer#indexOf) and a native UTF-8 check (buffer.isUtf8) over each file, while the other lanes'
 * DuckDB statements run. No line is parsed here.
 */
import { isUtf8 } from "node:buffer";
import { closeSync, fstatSync, openSync, readSync } from "node:fs";

export interface ClientFileStats {
  bytes: number;
  valid: boolean;
  /** Physical lines: pieces between newlines, the empty piece after a final newline not counted. */
  lines: number;
  longestLine: number;
  /**
   * Whether every line starts with `{`. DuckDB's NDJSON reader fails the whole statement, ignore_errors
   * or not, on a broken record followed by a line starting with `,`, `]` or `}` (a record split by a
   * newline), so the files with any other line are left out of the fast read (legacy.ts).
   */
  braced: boolean;
  /**
   * Whether every line ends with `}` (trailing spaces, tabs and `\r` aside). A record cut short does
   * not, and the reader may then take the next line into it: legacy.ts sends such files straight to
   * the staged read instead of the fused one (queries/ingest/ingest_client_fused.sql).
   */
  closed: boolean;
}

/** Files up to this size are read whole; bigger ones in chunks of CHUNK_BYTES (memory stays bounded). */
const WHOLE_FILE_BYTES = 64 * 1024 * 1024;
const CHUNK_BYTES = 1024 * 1024;
const NEWLINE = 0x0a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/** Trailing bytes that do not count as a line's end: space, tab, `\r`. */
function isTrailingSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0d;
}

/** One buffer for every file, grown to the biggest file read whole. */
let shared = Buffer.allocUnsafe(CHUNK_BYTES);

/** Lines of a buffer, continuing a count: `pending` = length of the unfinished line before it. */
export class LineCounter {
  lines = 0;
  longest = 0;
  braced = true;
  closed = true;
  private pending = 0;
  /** The last byte of the current line that is not trailing space so far (-1: none yet). */
  private last = -1;
  /** Whether the next byte starts a line (false within a line carried over from the last buffer). */
  private atLineStart = true;

  add(buf: Buffer): void {
    let start = 0;
    for (;;) {
      if (this.atLineStart && start < buf.length) {
        // an empty line's first byte is its newline: not `{` either
        if (buf[start] !== OPEN_BRACE) this.braced = false;
        this.atLineStart = false;
      }
      const nl = buf.indexOf(NEWLINE, start);
      this.noteLast(buf, start, nl < 0 ? buf.length : nl);
      if (nl < 0) break;
      this.endLine(this.pending + nl - start);
      this.pending = 0;
      start = nl + 1;
      this.atLineStart = true;
    }
    this.pending += buf.length - start;
  }

  finish(): void {
    if (this.pending > 0) this.endLine(this.pending);
    this.pending = 0;
  }

  /** Remember the last byte of `buf[start, end)` that is not trailing space, if any. */
  private noteLast(buf: Buffer, start: number, end: number): void {
    let i = end - 1;
    while (i >= start && isTrailingSpace(buf[i]!)) i--;
    if (i >= start) this.last = buf[i]!;
  }

  private endLine(length: number): void {
    if (this.last !== CLOSE_BRACE) this.closed = false;
    this.last = -1;
    this.lines++;
    if (length > this.longest) this.longest = length;
  }
}

/** Read up to `length` bytes at `position` into `buf` (from 0); returns how many were read. */
function readFully(fd: number, buf: Buffer, length: number, position: number): number {
  let n = 0;
  while (n < length) {
    const r = readSync(fd, buf, n, length - n, position + n);
    if (r === 0) break;
    n += r;
  }
  return n;
}

/**
 * Measure one file. Synchronous on purpose: thousands of small reads cost less than half the CPU
 * through direct calls than through the thread pool's hand-offs (docs/performance.md#measurements-behind-the-code),
 * and each batch is short.
 * Throws like the fs calls (the caller has checked the file is readable).
 */
export function clientFileStats(file: string): ClientFileStats {
  const fd = openSync(file, "r");
  try {
    const counter = new LineCounter();
    const size = fstatSync(fd).size;
    let valid: boolean;
    let bytes: number;
    if (size <= WHOLE_FILE_BYTES) {
      if (size > shared.length) shared = Buffer.allocUnsafe(size);
      bytes = readFully(fd, shared, size, 0);
      const buf = shared.subarray(0, bytes);
      counter.add(buf);
      valid = isUtf8(buf);
    } else {
      // A streamed UTF-8 check: the decoder keeps a sequence cut at a chunk boundary for the next chunk.
      const decoder = new TextDecoder("utf-8", { fatal: true });
      const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
      valid = true;
      bytes = 0;
      for (;;) {
        const n = readFully(fd, chunk, CHUNK_BYTES, bytes);
        if (n === 0) break;
        const piece = chunk.subarray(0, n);
        counter.add(piece);
        bytes += n;
        if (valid) {
          try {
            decoder.decode(piece, { stream: true });
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
    return {
      bytes,
      valid,
      lines: counter.lines,
      longestLine: counter.longest,
      braced: counter.braced,
      closed: counter.closed,
    };
  } finally {
    closeSync(fd);
  }
}

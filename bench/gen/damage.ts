/**
 * Damage for the bench's mixed trees: a seeded share of scenarios gets one to three of the breakages
 * users' trees really have, of the kinds the robustness suite (test/robustness/mutations.ts) makes:
 * a client killed mid-line, a stray text or blank line, invalid UTF-8, NUL bytes, a line of the wrong
 * JSON shape, an empty client log, a truncated pod log, a missing test log. The damage is a pure
 * function of (seed, scenario index), so a mixed tree is as reproducible as a clean one, and the
 * clean scenarios of a mixed tree are byte-identical to the same scenarios of the clean tree.
 *
 * The weights favour the common case (a client killed while writing its last line), which is also the
 * one ftparse's fast read must keep fast.
 */
import { Random } from "./random.js";

/** One file of a scenario as the generator is about to write it (path relative to the scenario). */
export interface GenFile {
  path: string;
  data: string | Buffer;
}

interface Damage {
  name: string;
  weight: number;
  /** Damages `files` in place; false when the scenario has nothing this damage applies to. */
  apply(files: GenFile[], rng: Random): boolean;
}

const isClient = (f: GenFile) => /^client_\d+\.log\.txt$/.test(f.path);
const isPodLog = (f: GenFile) => f.path.endsWith(".log") && !f.path.includes("metrics");

function pickFile(files: GenFile[], rng: Random, test: (f: GenFile) => boolean): GenFile | undefined {
  const candidates = files.filter((f) => test(f) && f.data.length > 0);
  return candidates.length > 0 ? rng.pick(candidates) : undefined;
}

function asBuffer(data: string | Buffer): Buffer {
  return typeof data === "string" ? Buffer.from(data) : data;
}

/** The byte offsets at which the file's lines start. */
function lineStarts(bytes: Buffer): number[] {
  const starts = [0];
  for (let i = bytes.indexOf(10); i !== -1 && i + 1 < bytes.length; i = bytes.indexOf(10, i + 1)) {
    starts.push(i + 1);
  }
  return starts;
}

/** Insert `line` (without its newline) before a random line of the file. */
function insertLine(f: GenFile, rng: Random, line: Buffer): void {
  const bytes = asBuffer(f.data);
  const at = rng.pick(lineStarts(bytes));
  f.data = Buffer.concat([bytes.subarray(0, at), line, Buffer.from("\n"), bytes.subarray(at)]);
}

/** Insert `junk` inside a random line of the file (never inside its newline). */
function insertInLine(f: GenFile, rng: Random, junk: Buffer): void {
  const bytes = asBuffer(f.data);
  const starts = lineStarts(bytes);
  const k = rng.int(0, starts.length - 1);
  const end = k + 1 < starts.length ? starts[k + 1]! - 1 : bytes.length;
  const at = rng.int(starts[k]!, Math.max(starts[k]!, end - 1));
  f.data = Buffer.concat([bytes.subarray(0, at), junk, bytes.subarray(at)]);
}

/** Cut the file inside its last line: the writer was killed mid-line, no final newline. */
function cutLastLine(f: GenFile, rng: Random): void {
  const bytes = asBuffer(f.data);
  const body = bytes[bytes.length - 1] === 10 ? bytes.subarray(0, bytes.length - 1) : bytes;
  const start = body.lastIndexOf(10) + 1;
  // at least one byte of the line stays, so the file really ends in a broken line
  f.data = body.subarray(0, rng.int(Math.min(start + 1, body.length - 1), body.length - 1));
}

const GARBAGE = [
  "Traceback (most recent call last):",
  "WARNING: connection pool is full, discarding connection: localhost",
  "client interrupted by signal 15",
  "]]}",
];

export const DAMAGES: readonly Damage[] = [
  {
    name: "truncated-last-line",
    weight: 8,
    apply(files, rng) {
      const f = pickFile(files, rng, isClient);
      if (!f) return false;
      cutLastLine(f, rng);
      return true;
    },
  },
  {
    name: "garbage-line",
    weight: 3,
    apply(files, rng) {
      const f = pickFile(files, rng, isClient);
      if (!f) return false;
      insertLine(f, rng, Buffer.from(rng.pick(GARBAGE)));
      return true;
    },
  },
  {
    name: "blank-line",
    weight: 2,
    apply(files, rng) {
      const f = pickFile(files, rng, isClient);
      if (!f) return false;
      insertLine(f, rng, Buffer.from(rng.pick(["", " ", "\r"])));
      return true;
    },
  },
  {
    name: "invalid-utf8",
    weight: 2,
    apply(files, rng) {
      const f = pickFile(files, rng, rng.chance(0.7) ? isClient : isPodLog);
      if (!f) return false;
      insertInLine(f, rng, Buffer.from(rng.pick([[0xff], [0xfe, 0xff], [0x80], [0xc3]])));
      return true;
    },
  },
  {
    name: "nul-bytes",
    weight: 1,
    apply(files, rng) {
      const f = pickFile(files, rng, isClient);
      if (!f) return false;
      insertInLine(f, rng, Buffer.alloc(rng.int(1, 4), 0));
      return true;
    },
  },
  {
    name: "wrong-shape-json",
    weight: 1,
    apply(files, rng) {
      const f = pickFile(files, rng, isClient);
      if (!f) return false;
      const shape = rng.pick([
        `{"time": "2025-01-01T00:00:00", "results": null}`,
        `{"time": "2025-01-01T00:00:00", "results": [{"status": 200}]}`,
        `[1, 2, 3]`,
      ]);
      insertLine(f, rng, Buffer.from(shape));
      return true;
    },
  },
  {
    name: "empty-client-log",
    weight: 2,
    apply(files, rng) {
      const f = pickFile(files, rng, isClient);
      if (!f) return false;
      f.data = "";
      return true;
    },
  },
  {
    name: "truncated-pod-log",
    weight: 2,
    apply(files, rng) {
      const f = pickFile(files, rng, isPodLog);
      if (!f) return false;
      const bytes = asBuffer(f.data);
      f.data = bytes.subarray(0, rng.int(0, bytes.length - 1));
      return true;
    },
  },
  {
    name: "missing-test-log",
    weight: 1,
    apply(files) {
      const i = files.findIndex((f) => f.path === "test.log.txt");
      if (i === -1) return false;
      files.splice(i, 1);
      return true;
    },
  },
];

const TOTAL_WEIGHT = DAMAGES.reduce((s, d) => s + d.weight, 0);

function pickDamage(rng: Random): Damage {
  let x = rng.next() * TOTAL_WEIGHT;
  for (const d of DAMAGES) {
    x -= d.weight;
    if (x < 0) return d;
  }
  return DAMAGES[DAMAGES.length - 1]!;
}

/**
 * Damage scenario `index` of a mixed tree in place when it falls in the broken share
 * (`brokenPercent` of the scenarios); returns the names of the damages applied (none for a clean one).
 */
export function damageScenario(
  files: GenFile[],
  index: number,
  seed: number,
  brokenPercent: number,
): string[] {
  // A stream of its own (the generator's streams use small third seeds), so damage never shifts them.
  const rng = new Random(seed, index, 0x0da3a6e);
  if (!rng.chance(brokenPercent / 100)) return [];
  const applied: string[] = [];
  for (let n = rng.int(1, 3); n > 0; n--) {
    const d = pickDamage(rng);
    if (d.apply(files, rng)) applied.push(d.name);
  }
  return applied;
}

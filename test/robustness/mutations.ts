/**
 * Mutation kinds: pure functions of (tree model, seeded PRNG, baseline) that damage the model the way
 * crashed runs, half-copied artifacts and old tools damage result trees, and say what ftparse must do
 * about it (line fates, which scenarios must keep their numbers, which files must be warned about).
 */
import { copyFileSync, existsSync, lstatSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Rng } from "./prng.js";
import { downgrade, fileBytes, isBlank, type TrackedFile, type TrackedLine, type TreeState } from "./tree.js";

export interface Attempt {
  success: boolean;
  latency: number;
  tsMs: number;
}

/** What the clean run said, as far as mutations need it. */
export interface BaselineFacts {
  tz: string;
  /** client file (relative) → line → attempts counted from that line. */
  attempts: Map<string, Map<number, Attempt[]>>;
  /** Scratch folder outside the tree (for symlink targets). */
  outside: string;
  /** Mutations may build multi-megabyte lines. */
  hugeLineBytes: number;
  /** Running as root: chmod 000 does not make a file unreadable. */
  root: boolean;
}

export interface Mutation {
  name: string;
  /** Applies itself to `state`; returns a description, or null when it does not apply. */
  apply(state: TreeState, rng: Rng, facts: BaselineFacts): string | null;
}

const HOSTILE = [
  `it's`,
  `"quoted"`,
  `semi;colon`,
  `x'); DROP TABLE requests; --`,
  `[brackets]`,
  `a]b[c`,
  `glob*?`,
  `back\\slash`,
  `$HOME`,
  `ünïcödé-名前-🚀`,
  `sp ace`,
  `%s%n`,
];

function presentFiles(state: TreeState, kinds?: readonly string[]): TrackedFile[] {
  return [...state.files.values()].filter(
    (f) => f.state === "present" && !state.renames.has(f.scenario) && (!kinds || kinds.includes(f.kind)),
  );
}

/** Half of the time a client log (where line accounting is checked exactly), else any file. */
function pickFile(files: readonly TrackedFile[], rng: Rng): TrackedFile | null {
  if (files.length === 0) return null;
  const clients = files.filter((f) => f.kind === "client");
  return rng.pick(clients.length > 0 && rng.chance(0.5) ? clients : files);
}

/** Mark a file as changed and tell the oracle what that means for its scenario. */
function touch(state: TreeState, f: TrackedFile, effect: "noise" | "lines" | "destructive"): void {
  f.changed = true;
  if (effect === "destructive") downgrade(state, f.scenario, "unchecked");
  else if (f.kind === "client") downgrade(state, f.scenario, "client-model");
  // noise in a non-client file: the scenario's numbers must not move at all
}

function printableJunk(rng: Rng, n: number): Buffer {
  const chars = `abcXYZ019 {}[]":,'\\/#@!$%^&*()<>|~\`=+-_.;?`;
  let s = "";
  for (let i = 0; i < n; i++) s += chars[rng.int(0, chars.length - 1)];
  // never a JSON record and never a timestamp-led line: start with a letter
  return Buffer.from("q" + s);
}

function insertLine(state: TreeState, rng: Rng, bytes: Buffer, kinds?: readonly string[]): string | null {
  const f = pickFile(presentFiles(state, kinds), rng);
  if (!f) return null;
  const at = rng.int(0, f.lines.length);
  f.lines.splice(at, 0, { bytes, origin: null, fate: "inserted" });
  // A lone inserted line in a YAML manifest may break it, and with it the container incarnations the
  // component_* figures come from: that is destructive for those figures.
  touch(state, f, f.kind === "yaml" ? "destructive" : "noise");
  return `${f.rel} line ${at + 1}`;
}

function nonBlankLine(f: TrackedFile, rng: Rng): number | null {
  const idx = f.lines.map((l, i) => (isBlank(l.bytes) ? -1 : i)).filter((i) => i >= 0);
  return idx.length === 0 ? null : rng.pick(idx);
}

function damageLine(state: TreeState, f: TrackedFile, i: number, bytes: Buffer, fate: "damaged" | "suspect") {
  const line = f.lines[i]!;
  f.lines[i] = { bytes, origin: line.origin, fate: isBlank(bytes) ? "damaged" : fate };
  touch(state, f, f.kind === "client" ? "lines" : "destructive");
}

/** Clean request lines of client files that still carry their clean bytes (candidates for rewriting). */
function intactRequestLines(state: TreeState, facts: BaselineFacts): [TrackedFile, number, Attempt[]][] {
  const out: [TrackedFile, number, Attempt[]][] = [];
  for (const f of presentFiles(state, ["client"])) {
    const byLine = facts.attempts.get(f.rel);
    f.lines.forEach((l, i) => {
      const a = l.origin === null ? undefined : byLine?.get(l.origin);
      if (l.fate === "intact" && a && a.length > 0) out.push([f, i, a]);
    });
  }
  return out;
}

function rewriteJson(line: TrackedLine, edit: (o: Record<string, unknown>) => unknown): Buffer | null {
  try {
    const o = JSON.parse(line.bytes.toString("utf8")) as Record<string, unknown>;
    return Buffer.from(JSON.stringify(edit(o)));
  } catch {
    return null;
  }
}

const WRONG_SHAPES: ((o: Record<string, unknown>) => unknown)[] = [
  () => 42,
  () => [],
  () => "a string",
  () => null,
  () => true,
  () => ({}),
  (o) => ({ ...o, results: undefined }),
  (o) => ({ ...o, time: undefined }),
  (o) => ({ ...o, results: 42 }),
  (o) => ({ ...o, results: { status: 200 } }),
  (o) => ({ ...o, results: "oops" }),
  (o) => ({ ...o, results: [null] }),
  (o) => ({ ...o, time: 1759312980 }),
  (o) => ({ ...o, time: "yesterday at noon" }),
  (o) => ({ ...o, time: ["2025-10-01T10:00:00"] }),
  (o) => ({
    ...o,
    results: (o.results as Record<string, unknown>[]).map((a) => ({ ...a, status: undefined })),
  }),
  (o) => ({
    ...o,
    results: (o.results as Record<string, unknown>[]).map((a) => ({ ...a, request_elapsed_time: undefined })),
  }),
  (o) => ({
    ...o,
    results: (o.results as Record<string, unknown>[]).map((a) => ({ ...a, request_elapsed_time: "slow" })),
  }),
  (o) => ({ ...o, results: (o.results as Record<string, unknown>[]).map((a) => ({ ...a, status: null })) }),
];

/** Latencies JSON cannot hold but Python's json.dumps writes (and DuckDB reads): never a number to average. */
const NON_FINITE = ["1e400", "-1e400", "NaN", "Infinity", "-Infinity"];

function nonFinite(line: TrackedLine, value: string): Buffer | null {
  const text = line.bytes.toString("utf8");
  const out = text.replace(/("request_elapsed_time":\s*)[-0-9.eE+]+/g, `$1${value}`);
  return out === text ? null : Buffer.from(out);
}

/** `2025-10-01T10:03:00` as the same instant in another notation (zone, offset, fraction), or shifted. */
function retimed(tsMs: number, naive: string, tz: string, rng: Rng): [string, number] {
  const variant = rng.int(0, tz === "UTC" ? 4 : 1);
  switch (variant) {
    case 0:
      return [`${naive}.000`, tsMs];
    case 1:
      return [`${naive}.5`, tsMs + 500];
    case 2:
      return [`${naive}Z`, tsMs];
    case 3: {
      const off = rng.pick([120, -300, 330, 0]);
      const local = new Date(tsMs + off * 60_000).toISOString().slice(0, 19);
      const sign = off < 0 ? "-" : "+";
      const hh = String(Math.floor(Math.abs(off) / 60)).padStart(2, "0");
      const mm = String(Math.abs(off) % 60).padStart(2, "0");
      return [`${local}${sign}${hh}:${mm}`, tsMs];
    }
    default:
      return [`${naive.replace("T", " ")}.250+00:00`, tsMs + 250];
  }
}

export const MUTATIONS: readonly Mutation[] = [
  {
    name: "truncate-file",
    apply(state, rng) {
      const f = pickFile(presentFiles(state), rng);
      if (!f) return null;
      const total = fileBytes(f).length;
      const cut = rng.int(0, total);
      // walk the lines to the one holding byte `cut`
      let pos = 0;
      const kept: TrackedLine[] = [];
      for (const l of f.lines) {
        const end = pos + l.bytes.length;
        if (cut >= end) {
          kept.push(l);
          pos = end + 1;
          if (cut === end) break;
          continue;
        }
        const prefix = l.bytes.subarray(0, cut - pos);
        if (prefix.length > 0) kept.push({ bytes: prefix, origin: l.origin, fate: "damaged" });
        break;
      }
      f.lines = kept;
      f.trailingNewline = false;
      touch(state, f, f.kind === "client" ? "lines" : "destructive");
      return `${f.rel} cut at byte ${cut} of ${total}`;
    },
  },
  {
    name: "cut-line",
    apply(state, rng) {
      const f = pickFile(
        presentFiles(state).filter((x) => x.lines.length > 0),
        rng,
      );
      if (!f) return null;
      const i = nonBlankLine(f, rng);
      if (i === null) return null;
      const l = f.lines[i]!;
      const at = rng.int(0, Math.max(0, l.bytes.length - 2));
      damageLine(state, f, i, l.bytes.subarray(0, at), "damaged");
      return `${f.rel} line ${i + 1} cut to ${at} bytes`;
    },
  },
  {
    name: "insert-garbage-line",
    apply: (state, rng) => insertLine(state, rng, printableJunk(rng, rng.int(1, 200))),
  },
  {
    name: "insert-binary-line",
    apply: (state, rng) =>
      insertLine(state, rng, Buffer.concat([Buffer.from("q"), rng.bytes(rng.int(1, 300), [10])])),
  },
  {
    name: "insert-blank-line",
    apply: (state, rng) => {
      const ws = [" ", "\t", "\r", "\v", "\f", ""];
      let s = "";
      for (let i = rng.int(0, 4); i > 0; i--) s += rng.pick(ws);
      return insertLine(state, rng, Buffer.from(s));
    },
  },
  {
    name: "insert-nul-line",
    apply: (state, rng) => insertLine(state, rng, Buffer.alloc(rng.int(1, 64), 0)),
  },
  {
    name: "nul-in-line",
    apply(state, rng) {
      const f = pickFile(
        presentFiles(state).filter((x) => x.lines.length > 0),
        rng,
      );
      if (!f) return null;
      const i = nonBlankLine(f, rng);
      if (i === null) return null;
      const l = f.lines[i]!.bytes;
      const at = rng.int(0, l.length);
      const bytes = Buffer.concat([l.subarray(0, at), Buffer.alloc(rng.int(1, 4), 0), l.subarray(at)]);
      // NUL is never valid inside or between JSON tokens: a client line must be skipped and reported
      damageLine(state, f, i, bytes, "damaged");
      return `${f.rel} line ${i + 1}: NUL at byte ${at}`;
    },
  },
  {
    name: "invalid-utf8-in-line",
    apply(state, rng) {
      const f = pickFile(
        presentFiles(state).filter((x) => x.lines.length > 0),
        rng,
      );
      if (!f) return null;
      const i = nonBlankLine(f, rng);
      if (i === null) return null;
      const l = f.lines[i]!.bytes;
      const at = rng.int(0, l.length);
      const bad = rng.pick([[0xff], [0xfe, 0xff], [0x80], [0xc3], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80]]);
      damageLine(
        state,
        f,
        i,
        Buffer.concat([l.subarray(0, at), Buffer.from(bad), l.subarray(at)]),
        "suspect",
      );
      return `${f.rel} line ${i + 1}: invalid UTF-8 at byte ${at}`;
    },
  },
  {
    name: "huge-line",
    apply(state, rng, facts) {
      const n = rng.int(Math.floor(facts.hugeLineBytes / 2), facts.hugeLineBytes);
      const body = rng.chance(0.5)
        ? Buffer.concat([
            Buffer.from(`{"time": "2025-10-01T10:02:11", "junk": "`),
            Buffer.alloc(n, 0x61),
            Buffer.from(`"}`),
          ])
        : Buffer.concat([Buffer.from("q"), Buffer.alloc(n, 0x7a)]);
      return insertLine(state, rng, body);
    },
  },
  {
    name: "wrong-shape-json",
    apply(state, rng, facts) {
      const candidates = intactRequestLines(state, facts);
      if (candidates.length === 0) return null;
      const [f, i] = rng.pick(candidates);
      const shape = rng.int(0, WRONG_SHAPES.length + NON_FINITE.length - 1);
      const bytes =
        shape < WRONG_SHAPES.length
          ? rewriteJson(f.lines[i]!, WRONG_SHAPES[shape]!)
          : nonFinite(f.lines[i]!, NON_FINITE[shape - WRONG_SHAPES.length]!);
      if (!bytes) return null;
      damageLine(state, f, i, bytes, "damaged");
      return `${f.rel} line ${i + 1}: wrong shape #${shape}`;
    },
  },
  {
    name: "retime-client-line",
    apply(state, rng, facts) {
      const candidates = intactRequestLines(state, facts);
      if (candidates.length === 0) return null;
      const [f, i, attempts] = rng.pick(candidates);
      const line = f.lines[i]!;
      let newMs = 0;
      let text = "";
      const bytes = rewriteJson(line, (o) => {
        [text, newMs] = retimed(attempts[0]!.tsMs, String(o.time), facts.tz, rng);
        return { ...o, time: text };
      });
      if (!bytes) return null;
      f.lines[i] = { bytes, origin: line.origin, fate: "retimed", tsMs: newMs };
      touch(state, f, "lines");
      return `${f.rel} line ${i + 1}: time → ${text}`;
    },
  },
  {
    name: "test-log-same-instant",
    apply(state, rng, facts) {
      const files = presentFiles(state, ["testlog"]).filter((f) => f.lines.some((l) => l.fate === "intact"));
      if (files.length === 0) return null;
      const f = rng.pick(files);
      // Every marker stamp in another notation of the same instant: the numbers must not move.
      const suffix = facts.tz === "UTC" ? rng.pick([".000", "Z", "+00:00", ".000000"]) : ".000";
      f.lines = f.lines.map((l) => {
        if (l.fate !== "intact") return l;
        const s = l.bytes.toString("utf8");
        const out = s.replace(/^(\[TEST\] \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?= )/, `$1${suffix}`);
        return { ...l, bytes: Buffer.from(out) };
      });
      touch(state, f, "noise");
      return `${f.rel}: stamps + "${suffix}"`;
    },
  },
  {
    name: "pod-log-odd-json",
    apply(state, rng) {
      // Lines the reference parser crashes on (docs/layouts/legacy.md#reference-parser-crashes); none is a ready line of ours.
      const line = rng.pick([
        "42",
        "true",
        "null",
        "[1, 2]",
        `"the time is now"`,
        `{"time": 5, "message": "added model"}`,
        `{"time": null, "message": "added model"}`,
        `{"time": {"s": 1}, "message": "x"}`,
        `{"message": "added model"}`,
        `{"time": "2025-10-01T09:00:00.123456789Z", "message": "hello"}`,
      ]);
      return insertLine(state, rng, Buffer.from(line), ["podlog"]);
    },
  },
  {
    name: "delete-file",
    apply(state, rng) {
      const f = pickFile(presentFiles(state), rng);
      if (!f) return null;
      f.state = "deleted";
      f.lines = [];
      touch(state, f, f.kind === "client" ? "lines" : "destructive");
      return `${f.rel} deleted`;
    },
  },
  {
    name: "unreadable-file",
    apply(state, rng, facts) {
      const f = pickFile(presentFiles(state), rng);
      if (!f) return null;
      const ways = ["dir", "fifo", "dangling"] as const;
      f.unreadableAs = facts.root ? rng.pick(ways) : rng.pick([...ways, "chmod" as const]);
      f.state = "unreadable";
      f.lines = [];
      state.mustWarnFiles.add(f.rel);
      touch(state, f, f.kind === "client" ? "lines" : "destructive");
      return `${f.rel} made unreadable (${f.unreadableAs})`;
    },
  },
  {
    name: "symlinked-file",
    apply(state, rng, facts) {
      const files = presentFiles(state).filter((f) => !f.changed);
      if (files.length === 0) return null;
      const f = rng.pick(files);
      const id = `${rng.int(0, 1e9)}`;
      state.ops.push((root) => {
        const target = join(facts.outside, `${id}-${f.rel.replace(/\//g, "_")}`);
        copyFileSync(join(root, f.rel), target);
        rmSync(join(root, f.rel));
        symlinkSync(target, join(root, f.rel));
      });
      return `${f.rel} replaced by a symlink to a copy`; // must read exactly as before
    },
  },
  {
    name: "hostile-rename",
    apply(state, rng) {
      const free = state.scenarios.filter(
        (s) => !state.renames.has(s) && s.startsWith("test_fault_scenario["),
      );
      if (free.length === 0) return null;
      const s = rng.pick(free);
      const inner = s.slice("test_fault_scenario[".length, -1);
      const dash = inner.lastIndexOf("-");
      const group = `${inner.slice(0, dash)}${rng.pick(HOSTILE)}`;
      const to = `test_fault_scenario[${group}-${inner.slice(dash + 1)}]`;
      state.renames.set(s, to);
      return `${s} → ${to}`;
    },
  },
  {
    name: "symlink-loop",
    apply(state, rng) {
      const where = rng.int(0, 2);
      state.ops.push((root) => {
        if (where === 0) link(".", join(root, "loop-to-root"));
        else if (where === 1) {
          mkdirSync(join(root, "nested", "deeper"), { recursive: true });
          link("..", join(root, "nested", "deeper", "back-up"));
        } else link("self-loop", join(root, "self-loop"));
      });
      state.mustWarnMatching.push(where === 2 ? /self-loop/ : /loop-to-root|back-up/);
      return `symlink loop #${where}`;
    },
  },
  {
    name: "dangling-symlink",
    apply(state, rng) {
      const s = rng.pick(state.scenarios);
      const name = rng.pick(["dangling-run", "client_9.log.txt", "test.log.txt", "Frontend"]);
      const inScenario = name !== "dangling-run";
      const rel = inScenario ? join(s, name) : name;
      if (inScenario && [...state.files.keys()].some((k) => k === rel || k.startsWith(rel + "/")))
        return null;
      state.ops.push((root) => link(join(root, "nowhere", "gone"), join(root, rel)));
      if (inScenario) {
        state.mustWarnFiles.add(rel);
        if (name === "test.log.txt") downgrade(state, s, "unchecked");
      } else state.mustWarnMatching.push(/dangling-run/);
      return `dangling symlink ${rel}`;
    },
  },
  {
    name: "empty-dir",
    apply(state, rng) {
      const s = rng.pick(state.scenarios);
      const rel = rng.pick([
        "empty-run",
        join(s, "VllmPrefillWorker"),
        join(s, "EmptyService"),
        "nested-empty/a/b",
      ]);
      if ([...state.files.keys()].some((k) => k.startsWith(rel + "/"))) return null;
      state.ops.push((root) => mkdirSync(join(root, rel), { recursive: true }));
      return `empty folder ${rel}`;
    },
  },
  {
    name: "file-for-dir",
    apply(state, rng) {
      const dirs = new Set<string>();
      for (const f of presentFiles(state, ["podlog", "metrics", "yaml"]))
        dirs.add(f.rel.split("/").slice(0, 2).join("/"));
      if (dirs.size === 0) return null;
      const rel = rng.pick([...dirs].sort());
      for (const f of state.files.values()) {
        if (f.rel.startsWith(rel + "/")) {
          f.state = "deleted";
          f.lines = [];
          touch(state, f, "destructive");
        }
      }
      state.ops.push((root) => {
        rmSync(join(root, rel), { recursive: true, force: true });
        writeFileSync(join(root, rel), "a file where a folder was expected\n");
      });
      state.mustWarnFiles.add(rel);
      return `${rel}/ replaced by a file`;
    },
  },
];

/** A symlink, unless an earlier mutation of the same case already made it. */
function link(target: string, path: string): void {
  if (!existsSync(path) && !isLink(path)) symlinkSync(target, path);
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

export function mutationByName(name: string): Mutation {
  const m = MUTATIONS.find((x) => x.name === name);
  if (!m) throw new Error(`no mutation ${name}`);
  return m;
}

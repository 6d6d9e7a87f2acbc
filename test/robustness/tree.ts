/**
 * The mutation engine's model of a result tree: every text file as lines that remember where they
 * came from (`origin`, the 1-based line in the clean file) and what was done to them (`fate`), so the
 * oracle can say which numbers and which warnings a mutated tree must give. Mutations change this
 * model; `writeTree` turns it into files on disk.
 */
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, relative } from "node:path";
import { execFileSync } from "node:child_process";

export type FileKind = "client" | "testlog" | "podlog" | "metrics" | "yaml";

/**
 * intact: byte-identical to clean line `origin`. retimed: a clean request line whose `time` was
 * rewritten (the attempts now complete at `tsMs`). damaged/inserted: must be warned about unless blank.
 * suspect: must be warned about; whether it still counts is not predicted.
 */
export type Fate = "intact" | "retimed" | "damaged" | "inserted" | "suspect";

export interface TrackedLine {
  bytes: Buffer;
  origin: number | null;
  fate: Fate;
  tsMs?: number;
}

/** present: written from `lines`; deleted: removed; unreadable: replaced by something that is not a readable file. */
export type FileState = "present" | "deleted" | "unreadable";

export interface TrackedFile {
  rel: string;
  /** Scenario directory (relative to the root) the file belongs to. */
  scenario: string;
  kind: FileKind;
  lines: TrackedLine[];
  trailingNewline: boolean;
  state: FileState;
  /** How to make it unreadable (when state is unreadable). */
  unreadableAs?: "dir" | "fifo" | "dangling" | "chmod";
  changed: boolean;
}

/** What the oracle must check for one scenario. */
export type ScenarioCheck = "clean" | "client-model" | "unchecked";

export interface TreeState {
  files: Map<string, TrackedFile>;
  scenarios: string[];
  check: Map<string, ScenarioCheck>;
  /** Paths (relative) that must have at least one warning naming them (file-level or any line). */
  mustWarnFiles: Set<string>;
  /** Warnings whose file is one of these absolute-path patterns must exist. */
  mustWarnMatching: RegExp[];
  /** Scenario renames, applied last: old relative dir → new relative dir. */
  renames: Map<string, string>;
  /** Filesystem operations applied after files are written (symlinks, folders, …), before renames. */
  ops: ((root: string) => void)[];
  notes: string[];
}

/** Whitespace DuckDB's NDJSON reader skips: a line of only these holds no record and is no issue. */
export function isBlank(bytes: Buffer): boolean {
  for (const b of bytes) if (b !== 0x20 && b !== 0x09 && b !== 0x0b && b !== 0x0c && b !== 0x0d) return false;
  return true;
}

function kindOf(rel: string): FileKind | null {
  const parts = rel.split("/");
  const name = parts[parts.length - 1]!;
  if (parts.length === 2 && /^client_.*\.log\.txt$/.test(name)) return "client";
  if (parts.length === 2 && name === "test.log.txt") return "testlog";
  if (parts.length === 3 && name.endsWith(".yaml")) return "yaml";
  if (parts.length === 3 && name.endsWith(".log")) return name.includes("metrics") ? "metrics" : "podlog";
  return null;
}

/** Read a clean tree (scenario folders directly under `root`) into the model. */
export function readTree(root: string): TreeState {
  const files = new Map<string, TrackedFile>();
  const scenarios: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const abs = join(dir, name);
      if (statSync(abs).isDirectory()) walk(abs);
      else {
        const rel = relative(root, abs);
        const kind = kindOf(rel);
        if (!kind) continue;
        const bytes = readFileSync(abs);
        const trailingNewline = bytes.length > 0 && bytes[bytes.length - 1] === 0x0a;
        const body = trailingNewline ? bytes.subarray(0, bytes.length - 1) : bytes;
        const lines = bytes.length === 0 ? [] : splitLines(body);
        files.set(rel, {
          rel,
          scenario: rel.split("/")[0]!,
          kind,
          lines: lines.map((b, i) => ({ bytes: b, origin: i + 1, fate: "intact" })),
          trailingNewline,
          state: "present",
          changed: false,
        });
      }
    }
  };
  for (const name of readdirSync(root).sort()) scenarios.push(name);
  walk(root);
  return {
    files,
    scenarios,
    check: new Map(scenarios.map((s) => [s, "clean"])),
    mustWarnFiles: new Set(),
    mustWarnMatching: [],
    renames: new Map(),
    ops: [],
    notes: [],
  };
}

export function splitLines(body: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    if (body[i] === 0x0a) {
      out.push(body.subarray(start, i));
      start = i + 1;
    }
  }
  out.push(body.subarray(start));
  return out;
}

/** Raise a scenario's check level: clean < client-model < unchecked. */
export function downgrade(state: TreeState, scenario: string, to: ScenarioCheck): void {
  const order: ScenarioCheck[] = ["clean", "client-model", "unchecked"];
  const cur = state.check.get(scenario) ?? "clean";
  if (order.indexOf(to) > order.indexOf(cur)) state.check.set(scenario, to);
}

export function fileBytes(f: TrackedFile): Buffer {
  if (f.lines.length === 0) return Buffer.alloc(0);
  const parts: Buffer[] = [];
  f.lines.forEach((l, i) => {
    if (i > 0) parts.push(Buffer.from("\n"));
    parts.push(l.bytes);
  });
  if (f.trailingNewline) parts.push(Buffer.from("\n"));
  return Buffer.concat(parts);
}

/** Write the mutated model over a fresh copy of the clean tree at `root`. */
export function writeTree(state: TreeState, root: string): void {
  for (const f of state.files.values()) {
    if (!f.changed) continue;
    const abs = join(root, f.rel);
    if (f.state === "deleted") {
      rmSync(abs, { force: true });
    } else if (f.state === "unreadable") {
      rmSync(abs, { force: true });
      switch (f.unreadableAs) {
        case "dir":
          mkdirSync(abs);
          writeFileSync(join(abs, "inner.txt"), "a folder where a file was expected\n");
          break;
        case "fifo":
          mkfifoSync(abs);
          break;
        case "chmod":
          writeFileSync(abs, fileBytes(f));
          execFileSync("chmod", ["000", abs]);
          break;
        default:
          symlinkSync(join(dirname(abs), "does-not-exist", "target"), abs);
      }
    } else {
      writeFileSync(abs, fileBytes(f));
    }
  }
  for (const op of state.ops) op(root);
  for (const [from, to] of state.renames) renameSync(join(root, from), join(root, to));
}

function mkfifoSync(path: string): void {
  execFileSync("mkfifo", [path]);
}

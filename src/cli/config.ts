/**
 * The defaults file `.ftparse.yaml` (docs/config.md): tz, sla, window, rules, db and lake, the flags
 * teams otherwise paste into every CI job. Found upward from the current folder, or named by
 * `--config FILE`. A flag on the command line always wins; the file only fills what was not given.
 * Paths in it are relative to the file's folder. A bad file is a usage error naming file and line.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { Command } from "commander";
import type { Node } from "yaml";
import { FtparseError, usageError } from "../errors.js";
import { CONFIG_FILE, normalizeExtendedParams, normalizeNumber, normalizeTimezone } from "./flags.js";

export { CONFIG_FILE };

/** The history commands, whose store --db/--lake may come from the file (as from $FTPARSE_DB). */
const STORE_COMMANDS = ["ingest", "runs", "trend", "compare", "query", "export"];

type Value = string | string[];
/** Each key: how its value is checked, and whether it is a path (resolved against the file's folder). */
const KEYS: Record<string, { check: (v: string) => void; path?: boolean; list?: boolean }> = {
  tz: { check: (v) => void normalizeTimezone(v) },
  sla: { check: (v) => void normalizeNumber("sla", v, { min: 0 }) },
  window: { check: (v) => void normalizeExtendedParams({ window: v }) },
  rules: { check: () => {}, path: true, list: true },
  db: { check: () => {}, path: true },
  lake: { check: () => {}, path: true },
};

export interface ConfigFile {
  file: string;
  values: Map<string, Value>;
}

/** `--config FILE`, else the nearest .ftparse.yaml from `cwd` up; undefined when there is none. */
export function findConfig(explicit: string | undefined, cwd = process.cwd()): string | undefined {
  if (explicit !== undefined) {
    if (!existsSync(explicit))
      throw usageError(`no such config file: ${explicit}`, "give --config an existing YAML file");
    return explicit;
  }
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, CONFIG_FILE))) return join(dir, CONFIG_FILE);
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Read and check a defaults file; every problem names the file and the line. The YAML parser is
 * loaded here, only when there is a file: most runs have none, and loading it is a noticeable share
 * of a small report's start-up.
 */
export async function loadConfig(file: string): Promise<ConfigFile> {
  const { isMap, isScalar, isSeq, LineCounter, parseDocument } = await import("yaml");
  const lines = new LineCounter();
  const doc = parseDocument(readFileSync(file, "utf8"), { lineCounter: lines, prettyErrors: false });
  const fail = (message: string, offset: number | undefined, hint?: string): never => {
    throw new FtparseError(message, {
      file,
      line: offset === undefined ? undefined : lines.linePos(offset).line,
      hint: hint ?? `keys: ${Object.keys(KEYS).join(", ")} (docs/config.md)`,
    });
  };
  if (doc.errors.length > 0) fail(`not valid YAML: ${doc.errors[0]!.code}`, doc.errors[0]!.pos[0]);
  const values = new Map<string, Value>();
  if (doc.contents === null) return { file, values };
  if (!isMap(doc.contents)) fail("expected key: value lines (a YAML mapping)", doc.contents.range?.[0]);
  const base = dirname(resolve(file));
  for (const pair of (doc.contents as { items: { key: unknown; value: unknown }[] }).items) {
    const key = pair.key as Node;
    const name = isScalar(key) ? String(key.value) : "";
    const spec = KEYS[name];
    if (!spec) fail(`unknown key "${name}"`, key.range?.[0]);
    const node = pair.value as Node | null;
    const scalars = spec!.list && isSeq(node) ? (node.items as Node[]) : [node];
    const out: string[] = [];
    for (const item of scalars) {
      if (!isScalar(item) || item.value === null || typeof item.value === "object")
        fail(
          `"${name}" expects ${spec!.list ? "a value or a list of values" : "one value"}`,
          (item ?? key).range?.[0],
        );
      const text = String((item as { value: unknown }).value);
      try {
        spec!.check(text);
      } catch (e) {
        if (e instanceof FtparseError) fail(`${name}: ${e.message}`, (item as Node).range?.[0], e.hint);
        throw e;
      }
      out.push(spec!.path ? resolve(base, text) : text);
    }
    values.set(name, spec!.list ? out : out[0]!);
  }
  if (values.has("db") && values.has("lake"))
    fail("give db or lake, not both", undefined, "the history commands read one store");
  return { file, values };
}

/**
 * Fill the options of `command` that the command line left unset from the defaults file (commander's
 * "config" source: a flag given on the command line is never overwritten).
 */
export async function applyConfig(command: Command, explicit: string | undefined): Promise<void> {
  const file = findConfig(explicit);
  if (file === undefined) return;
  const { values } = await loadConfig(file);
  const given = (key: string) => command.getOptionValueSource(key) === "cli";
  for (const [key, value] of values) {
    if (!command.options.some((o) => o.attributeName() === key)) continue;
    if (key === "db" || key === "lake") {
      // the store: only where it is the store to read (the report and check keep runs only with an
      // explicit --db), and never over a --db, --lake or $FTPARSE_DB given for this command
      if (!STORE_COMMANDS.includes(command.name())) continue;
      if (given("db") || given("lake") || process.env.FTPARSE_DB) continue;
    }
    if (!given(key)) command.setOptionValueWithSource(key, value, "config");
  }
}

/**
 * A line scanner for pod manifests as `kubectl get pod -o yaml` writes them: block mappings and
 * sequences, one scalar per line (plain, or quoted without escapes), `{}` and `[]`. It builds the
 * same object js-yaml's core schema gives for such a document and answers `undefined` for anything
 * else (comments, flow collections, multi-line or escaped scalars, anchors, tags, tabs, odd
 * indentation, duplicate keys, …), which podYaml.ts then hands to js-yaml: the scanner never
 * decides a document js-yaml would read differently or refuse (test/ingest/podYamlScan.test.ts
 * compares the two on every manifest of fixtures/ and on thousands of mutated ones).
 *
 * Why: the manifests are parsed on the main thread while DuckDB reads the logs, and a general YAML
 * parser spends most of its time on generality these files never use (docs/performance.md).
 * Plain scalars are typed by js-yaml's own core-schema resolvers (null, bool, int, float), so a
 * value means what it means to js-yaml.
 */
import * as jsYaml from "js-yaml";

/** js-yaml's built-in types: exported by the package, missing from its type declarations. */
const { types } = jsYaml as unknown as { types: Record<"null" | "bool" | "int" | "float", jsYaml.Type> };

/** js-yaml's core schema's implicit types, in the order it tries them (its schema/json.js). */
const IMPLICIT: readonly jsYaml.Type[] = [types.null, types.bool, types.int, types.float];

/** A plain mapping key that js-yaml reads as the same string (checked against IMPLICIT too). */
const KEY = /^[A-Za-z][A-Za-z0-9_./-]*$/;

/**
 * Characters a document may hold for the scanner: printable ASCII and the Basic Multilingual Plane
 * without surrogates, BOM, line and paragraph separators. Anything else goes to js-yaml.
 */
const OUTSIDE_SUBSET = /[^\n\x20-\x7E\u00A0-\u2027\u202A-\uD7FF\uE000-\uFEFE\uFF00-\uFFFD]/;

/** A line: its indentation, and its text without trailing spaces (absent on a blank line). */
const LINE = /( *)([^ \n](?:[^\n]*[^ \n])?)? *(?:\n|$)/y;

/** Thrown inside the scanner when the document leaves the subset; never escapes scanPodYaml. */
class Unsupported extends Error {}

interface Line {
  indent: number;
  /** The line without its indentation and trailing spaces (never empty). */
  text: string;
}

/** The document as js-yaml would load it, or undefined when it is not in the scanner's subset. */
export function scanPodYaml(source: string): unknown {
  if (OUTSIDE_SUBSET.test(source) || source.includes("#")) return undefined;
  // one native regex pass finds each line's indentation and text (blank lines match no text): cheaper
  // than splitting and trimming in JS, which the first manifests of a run would interpret cold
  const lines: Line[] = [];
  LINE.lastIndex = 0;
  for (let m = LINE.exec(source); m !== null; m = LINE.exec(source)) {
    if (m[2] !== undefined) lines.push({ indent: m[1]!.length, text: m[2] });
    if (LINE.lastIndex >= source.length) break;
  }
  if (lines.length === 0 || lines[0]!.indent !== 0) return undefined;
  try {
    const scanner = new Scanner(lines);
    const doc = scanner.block(0);
    if (scanner.pos !== lines.length) return undefined;
    return doc;
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}

class Scanner {
  pos = 0;

  constructor(private readonly lines: readonly Line[]) {}

  /** The mapping or sequence whose first line is the next one, at `indent`. */
  block(indent: number): unknown {
    const line = this.lines[this.pos]!;
    if (line.indent !== indent) throw new Unsupported();
    return isItem(line.text) ? this.sequence(indent) : this.mapping(indent);
  }

  /** A block sequence at `indent`: lines `- …` at that indentation. */
  sequence(indent: number): unknown[] {
    const out: unknown[] = [];
    for (;;) {
      const line = this.lines[this.pos];
      if (!line || line.indent < indent) return out;
      if (line.indent > indent) throw new Unsupported();
      if (!isItem(line.text)) return out; // a key of the mapping this sequence is the value of
      this.pos++;
      let col = 1;
      while (line.text.charCodeAt(col) === 32) col++;
      const rest = line.text.slice(col);
      if (rest === "") {
        out.push(this.nested(indent));
      } else if (isItem(rest) || rest === "-") {
        throw new Unsupported(); // a sequence in a sequence, on one line
      } else if (keyOf(rest) !== undefined) {
        // `- key: value`: a mapping whose keys sit at the column of the first one
        out.push(this.mapping(indent + col, rest));
      } else {
        out.push(scalar(rest));
        this.noDeeper(indent);
      }
    }
  }

  /**
   * A block mapping at `indent`. `first`: the text of its first entry, when that entry shares its line
   * with a sequence's `- ` (the scanner has moved past that line already).
   */
  mapping(indent: number, first?: string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    let text = first;
    for (;;) {
      if (text === undefined) {
        const line = this.lines[this.pos];
        if (!line || line.indent < indent) return out;
        if (line.indent > indent || isItem(line.text)) throw new Unsupported();
        text = line.text;
        this.pos++;
      }
      const key = keyOf(text);
      // (KEY lets no `__proto__` through: an own property is exactly a key seen before)
      if (key === undefined || Object.hasOwn(out, key)) throw new Unsupported();
      const value = text.slice(key.length + 1).trimStart();
      if (value === "") {
        // the value is on the next lines: deeper, or a sequence at the key's own indentation
        const next = this.lines[this.pos];
        out[key] =
          next && next.indent === indent && isItem(next.text) ? this.sequence(indent) : this.nested(indent);
      } else {
        out[key] = scalar(value);
        this.noDeeper(indent);
      }
      text = undefined;
    }
  }

  /** The value of an entry or item left empty on its line: a deeper block, or null. */
  private nested(indent: number): unknown {
    const next = this.lines[this.pos];
    if (!next || next.indent <= indent) return null;
    return this.block(next.indent);
  }

  /** After a value on its own line, a deeper line would continue it (or be an error): not ours. */
  private noDeeper(indent: number): void {
    const next = this.lines[this.pos];
    if (next && next.indent > indent) throw new Unsupported();
  }
}

/** `- x` or a lone `-`: a sequence item. */
function isItem(text: string): boolean {
  return text.charCodeAt(0) === 45 && (text.length === 1 || text.charCodeAt(1) === 32);
}

/** Whether a text before `:` is a key the scanner takes; manifests repeat a few dozen keys. */
const keyVerdicts = new Map<string, boolean>();

/** The key of a `key: value` or `key:` line, when it is a plain key js-yaml reads as that string. */
function keyOf(text: string): string | undefined {
  const colon = text.indexOf(":");
  if (colon <= 0 || (colon + 1 < text.length && text.charCodeAt(colon + 1) !== 32)) return undefined;
  const key = text.slice(0, colon);
  let ok = keyVerdicts.get(key);
  if (ok === undefined) {
    ok = KEY.test(key) && typeof plain(key) === "string";
    // bounded: a document of made-up keys must not grow it without end
    if (keyVerdicts.size < 4096) keyVerdicts.set(key, ok);
  }
  return ok ? key : undefined;
}

/** A scalar written on one line: quoted without escapes, `{}`, `[]`, or plain. */
function scalar(text: string): unknown {
  const c = text.charCodeAt(0);
  if (c === 39) return singleQuoted(text);
  if (c === 34) {
    const close = text.indexOf('"', 1);
    if (close !== text.length - 1 || text.includes("\\")) throw new Unsupported();
    return text.slice(1, close);
  }
  if (text === "{}") return {};
  if (text === "[]") return [];
  // indicators that start something other than a plain scalar; `-` only as in `-1` or `-c`
  if ("?:,[]{}&*!|>%@`".includes(text[0]!) || (c === 45 && (text.length === 1 || text[1] === " ")))
    throw new Unsupported();
  // `a: b` or a trailing `:` would make a mapping (or an error) of the value
  if (text.includes(": ") || text.endsWith(":")) throw new Unsupported();
  return plain(text);
}

/** `'it''s'` → `it's`; the closing quote must end the line. */
function singleQuoted(text: string): string {
  let out = "";
  let i = 1;
  for (;;) {
    const q = text.indexOf("'", i);
    if (q < 0) throw new Unsupported(); // continues on the next line
    out += text.slice(i, q);
    if (text.charCodeAt(q + 1) === 39) {
      out += "'";
      i = q + 2;
      continue;
    }
    if (q !== text.length - 1) throw new Unsupported();
    return out;
  }
}

/** A plain scalar typed as js-yaml's core schema types it. */
function plain(text: string): unknown {
  for (const type of IMPLICIT) if (type.resolve(text)) return type.construct(text);
  return text;
}

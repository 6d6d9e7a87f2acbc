/**
 * The pod-manifest line scanner (src/ingest/readers/podYamlScan.ts) against js-yaml, the parser it stands in
 * for: on every pod manifest under fixtures/ and on thousands of seeded mutations of them, whatever
 * the scanner answers must be exactly what js-yaml loads (the whole document, not only the fields
 * ftparse reads), and a document js-yaml refuses must never get an answer. Falling back (undefined)
 * is always allowed; the counts below make sure the scanner does take the common shapes itself.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { CORE_SCHEMA, load } from "js-yaml";
import { scanPodYaml } from "../../src/ingest/readers/podYamlScan.js";
import { parsePodYaml } from "../../src/ingest/readers/podYaml.js";
import { repoRoot } from "../helpers.js";

function podManifests(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) podManifests(p, out);
    else if (/\.ya?ml$/.test(e.name) && !e.name.startsWith(".")) {
      const text = readFileSync(p, "utf8");
      if (/^kind: Pod$/m.test(text)) out.push(p);
    }
  }
  return out;
}

const files = podManifests(join(repoRoot, "fixtures"));
const docs = files.map((f) => readFileSync(f, "utf8"));

type Loaded = { ok: unknown } | { error: string };

function jsYaml(text: string): Loaded {
  try {
    return { ok: load(text, { schema: CORE_SCHEMA }) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** The scanner's answer, checked against js-yaml's; true when it answered (did not fall back). */
function agrees(text: string, what: string): boolean {
  const scanned = scanPodYaml(text);
  if (scanned === undefined) return false;
  const expected = jsYaml(text);
  assert.ok("ok" in expected, `${what}: js-yaml refuses it (${"error" in expected ? expected.error : ""}), the scanner read it\n${text}`); // prettier-ignore
  assert.deepStrictEqual(scanned, expected.ok, `${what}: the scanner and js-yaml differ\n${text}`);
  return true;
}

/** mulberry32: a small seeded generator, so that a failing mutation can be replayed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOKENS = [
  ":",
  ": ",
  "- ",
  "-",
  "#",
  " #x",
  "'",
  '"',
  "{",
  "}",
  "[",
  "]",
  "&a ",
  "*a",
  "!!str ",
  "|",
  ">",
  "\t",
  "\r",
  "\\",
  "~",
  " ",
  "  ",
  "?",
  "? ",
  ",",
  "%",
  "@",
  "`",
  "\uFEFF",
  "é",
  "\u2028",
  "\u0085",
  "\u0000",
  "---",
  "...",
];
const VALUES = [
  "0",
  "-1",
  "-0",
  "0x1F",
  "0o17",
  "0b11",
  "1e3",
  "1_000",
  "+12",
  "012",
  "1.",
  ".5",
  ".inf",
  "-.Inf",
  ".NaN",
  "~",
  "null",
  "Null",
  "NULL",
  "True",
  "FALSE",
  "yes",
  "on",
  "''",
  "'it''s'",
  "'open",
  '"q"',
  '"a\\tb"',
  '""',
  "{}",
  "[]",
  "{ }",
  "{a: 1}",
  "[1, 2]",
  "2025-09-24T18:40:29Z",
  "'2025-09-24T18:40:29Z'",
  "10.0.0.1",
  "-",
  "- x",
  "-x",
  "a: b",
  "a:b",
  "a:",
  "&x v",
  "*x",
  "!!int 3",
  "|",
  ">-",
  "",
  "   ",
  "a #c",
  "a#c",
  "<<",
  "=",
  "x  y",
  "OOMKilled",
  "137",
  "Error",
  "'a' b",
  '"a" b',
  "[",
  "}",
];
const KEYS = [
  "true",
  "True",
  "1",
  "null",
  "~",
  "'name'",
  '"name"',
  "<<",
  "? name",
  "__proto__",
  "constructor",
  "na me",
  "name",
  "reason",
  "exitCode",
  "startedAt",
  "-name",
  "a.b/c",
  "x-",
  "key ",
  " key",
];

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)]!;
}

/** One random edit of a document, line-wise or character-wise. */
function mutate(text: string, r: () => number): string {
  const lines = text.split("\n");
  const i = Math.floor(r() * lines.length);
  const line = lines[i]!;
  const indent = /^ */.exec(line)![0].length;
  switch (Math.floor(r() * 12)) {
    case 0:
      lines.splice(i, 1);
      break;
    case 1:
      lines.splice(i, 0, line);
      break;
    case 2:
      if (i + 1 < lines.length) [lines[i], lines[i + 1]] = [lines[i + 1]!, line];
      break;
    case 3: {
      const d = pick(r, [-2, -1, 1, 2, 4]);
      lines[i] = d > 0 ? " ".repeat(d) + line : line.slice(Math.min(-d, indent));
      break;
    }
    case 4: {
      const at = Math.floor(r() * (line.length + 1));
      lines[i] = line.slice(0, at) + pick(r, TOKENS) + line.slice(at);
      break;
    }
    case 5: {
      const colon = line.indexOf(": ");
      lines[i] = colon < 0 ? `${line}${pick(r, VALUES)}` : `${line.slice(0, colon + 2)}${pick(r, VALUES)}`;
      break;
    }
    case 6: {
      // a key taken from another line (often a duplicate key)
      const other = pick(r, lines);
      const key = /^ *(?:- )?([^:]+):/.exec(other)?.[1];
      const m = /^( *(?:- )?)[^:]+:/.exec(line);
      if (key && m) lines[i] = m[1] + key + line.slice(m[0].length - 1);
      break;
    }
    case 7:
      return text.slice(0, Math.floor(r() * text.length));
    case 8:
      lines.splice(i, 0, " ".repeat(Math.floor(r() * 6)));
      break;
    case 9:
      if (i + 1 < lines.length)
        lines.splice(i, 2, line + pick(r, [" ", "", ": "]) + lines[i + 1]!.trimStart());
      break;
    case 10: {
      const m = /^( *(?:- )?)[^:]+:/.exec(line);
      if (m) lines[i] = m[1] + pick(r, KEYS) + line.slice(m[0].length - 1);
      break;
    }
    default:
      // a continuation line: a multi-line scalar, or a line js-yaml refuses
      lines.splice(
        i + 1,
        0,
        " ".repeat(indent + pick(r, [0, 1, 2, 4])) + pick(r, [...VALUES, "more text", "k: v"]),
      );
  }
  return lines.join("\n");
}

describe("pod manifest line scanner", () => {
  it("reads every pod manifest under fixtures/ exactly as js-yaml does", () => {
    assert.ok(files.length >= 20, `expected the fixtures' pod manifests, found ${files.length}`);
    let read = 0;
    for (const [k, text] of docs.entries()) if (agrees(text, files[k]!)) read++;
    // the fixtures are kubectl's output: the scanner must take them all itself
    assert.equal(read, files.length, "the scanner fell back to js-yaml on a fixture manifest");
  });

  it("gives js-yaml's document or falls back, on thousands of mutated manifests (seeded)", () => {
    const seed = 20251203;
    const r = rng(seed);
    const rounds = 4000;
    let read = 0;
    let refused = 0;
    for (let n = 0; n < rounds; n++) {
      let text = pick(r, docs);
      const edits = 1 + Math.floor(r() * 3);
      for (let e = 0; e < edits; e++) text = mutate(text, r);
      if (agrees(text, `seed ${seed}, mutation ${n}`)) read++;
      if ("error" in jsYaml(text)) refused++;
    }
    // not a test that cannot fail: many mutations stay in the scanner's subset, and many break the YAML
    assert.ok(read > rounds / 5, `the scanner read only ${read} of ${rounds} mutated manifests`);
    assert.ok(refused > rounds / 10, `js-yaml refused only ${refused} of ${rounds} mutated manifests`);
  });

  it("falls back on duplicate keys, which js-yaml refuses", () => {
    const text = "kind: Pod\nmetadata:\n  name: a\n  name: b\n";
    assert.equal(scanPodYaml(text), undefined);
    assert.throws(() => parsePodYaml(text), /duplicated mapping key/);
  });

  it("types plain scalars as js-yaml's core schema does, quoted ones stay text", () => {
    const text = [
      "kind: Pod",
      "status:",
      "  podIP: 10.1.2.3",
      "  containerStatuses:",
      "  - name: main",
      "    restartCount: 0x2",
      "    lastState:",
      "      terminated:",
      "        exitCode: '137'",
      "        finishedAt: 2025-09-24T18:40:29Z",
      "        reason: OOMKilled",
      "    state:",
      "      waiting:",
      "        reason: CrashLoopBackOff",
      "",
    ].join("\n");
    assert.ok(agrees(text, "typed scalars"));
    const pod = parsePodYaml(text);
    assert.equal(pod.podIp, "10.1.2.3");
    assert.equal(pod.containers[0]!.restartCount, 2);
    assert.equal(pod.containers[0]!.reason, "CrashLoopBackOff");
    assert.equal(pod.containers[1]!.exitCode, null); // a quoted number is text, not an exit code
    assert.equal(pod.containers[1]!.finishedAt?.toISOString(), "2025-09-24T18:40:29.000Z");
  });
});

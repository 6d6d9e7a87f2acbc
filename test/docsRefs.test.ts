/**
 * Documentation the code cites must exist in the repository. Code and SQL comments cite pages under
 * docs/ (`docs/metrics.md#extended`); this test fails when a cited page, or its `#anchor`, does not
 * exist, and when a comment cites a document outside the repository (a section sign, or the names of
 * the project's former briefing documents). It also checks the relative links of README.md and docs/.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, it } from "node:test";
import { repoRoot } from "./helpers.js";

const CODE_DIRS = ["src", "queries", "test", "bench", "scripts", "fixtures"];
const CODE_FILE = /\.(ts|mts|js|mjs|cjs|sql|py|sh)$/;
const SKIP_DIRS = new Set(["node_modules", "dist", ".data", ".git"]);
const SELF = join("test", "docsRefs.test.ts");

/** Citations of documents that are not in the repository. Built from code points so this file passes. */
const OUTSIDE = [
  { what: "a section sign", re: new RegExp(String.fromCodePoint(0xa7)) },
  { what: "the SPEC document", re: /\bSPEC\b/ },
  { what: "STYLE sections", re: /\bSTYLE\s+\S*\d/ },
  { what: "a former layout document", re: /\b(legacy-layout|aiperf-layout|newer-layouts)\b/ },
  { what: "a file outside the repository", re: /\/work\/shared/ },
];

function walk(dir: string, out: string[]): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP_DIRS.has(e.name)) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile()) out.push(p);
  }
  return out;
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes, repeats numbered. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fence = false;
  for (const line of markdown.split("\n")) {
    if (line.startsWith("```")) fence = !fence;
    const m = !fence && /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const base = m[1]!
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

const anchorCache = new Map<string, Set<string>>();
/** Why `target` (an absolute path with an optional #anchor) does not resolve, or undefined. */
function problemWith(target: string): string | undefined {
  const [path, anchor] = target.split("#", 2) as [string, string | undefined];
  if (!existsSync(path)) return "no such file";
  if (anchor === undefined || anchor === "") return undefined;
  if (statSync(path).isDirectory() || !path.endsWith(".md"))
    return "an anchor on a file that is not Markdown";
  let anchors = anchorCache.get(path);
  if (!anchors) anchorCache.set(path, (anchors = anchorsOf(readFileSync(path, "utf8"))));
  return anchors.has(anchor) ? undefined : `no heading for #${anchor}`;
}

const codeFiles = CODE_DIRS.flatMap((d) => walk(join(repoRoot, d), []))
  .filter((f) => CODE_FILE.test(f))
  .filter((f) => relative(repoRoot, f) !== SELF);

describe("documentation cited by the code", () => {
  it("finds the code to check", () => {
    assert.ok(codeFiles.length > 100, `only ${codeFiles.length} files found`);
  });

  it("every cited docs/ page and anchor exists", () => {
    const bad: string[] = [];
    let cited = 0;
    for (const f of codeFiles) {
      readFileSync(f, "utf8")
        .split("\n")
        .forEach((line, i) => {
          for (const m of line.matchAll(/\bdocs\/[\w./-]+?\.md(?:#[\w-]+)?/g)) {
            cited++;
            const why = problemWith(join(repoRoot, m[0]));
            if (why) bad.push(`${relative(repoRoot, f)}:${i + 1}: ${m[0]}: ${why}`);
          }
        });
    }
    assert.deepEqual(bad, []);
    assert.ok(cited > 0, "no code cites docs/ at all");
  });

  it("nothing cites documents outside the repository", () => {
    const bad: string[] = [];
    for (const f of codeFiles) {
      readFileSync(f, "utf8")
        .split("\n")
        .forEach((line, i) => {
          for (const o of OUTSIDE) {
            if (o.re.test(line))
              bad.push(`${relative(repoRoot, f)}:${i + 1}: cites ${o.what}: ${line.trim()}`);
          }
        });
    }
    assert.deepEqual(bad, []);
  });
});

describe("links in README.md and docs/", () => {
  const pages = [
    join(repoRoot, "README.md"),
    ...walk(join(repoRoot, "docs"), []).filter((f) => f.endsWith(".md")),
  ];

  it("every relative link and anchor resolves", () => {
    const bad: string[] = [];
    for (const page of pages) {
      const text = readFileSync(page, "utf8");
      for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const link = m[1]!;
        if (/^[a-z]+:/.test(link)) continue; // https:, mailto:
        const target = link.startsWith("#") ? page + link : resolve(dirname(page), link);
        const why = problemWith(target);
        if (why) bad.push(`${relative(repoRoot, page)}: ${link}: ${why}`);
      }
    }
    assert.deepEqual(bad, []);
  });

  it("nothing cites documents outside the repository", () => {
    const bad = pages.flatMap((page) =>
      OUTSIDE.filter((o) => o.re.test(readFileSync(page, "utf8"))).map(
        (o) => `${relative(repoRoot, page)}: ${o.what}`,
      ),
    );
    assert.deepEqual(bad, []);
  });
});

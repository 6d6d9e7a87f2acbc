/**
 * No import cycle in src/: the modules read top-down (cli → commands → pipeline → metrics → render),
 * and an arrow that runs back up makes a loop. Every import counts, type-only and dynamic ones too:
 * a type import is still a dependency a reader has to follow.
 */
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { describe, it } from "node:test";
import { repoRoot } from "./helpers.js";

/** `from "./x.js"`, `import("./x.js")`, `import "./x.js"`: the relative specifiers of a module. */
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["'](\.{1,2}\/[^"']+)["']/g;

function tsFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) tsFiles(p, out);
    else if (e.name.endsWith(".ts")) out.push(p);
  }
  return out;
}

/** Each module of `dir` → the modules of `dir` it imports. */
function importGraph(dir: string): Map<string, string[]> {
  const files = tsFiles(dir);
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    const deps = new Set<string>();
    for (const m of text.matchAll(IMPORT)) {
      const target = resolve(dirname(file), m[1]!.replace(/\.js$/, ".ts"));
      if (known.has(target)) deps.add(target);
    }
    graph.set(file, [...deps].sort());
  }
  return graph;
}

/** Every cycle's modules (relative to `dir`), one path per strongly connected group, as `a → b → a`. */
function importCycles(dir: string): string[] {
  const graph = importGraph(dir);
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const cycles: string[] = [];
  const visit = (file: string): void => {
    state.set(file, "open");
    stack.push(file);
    for (const dep of graph.get(file)!) {
      if (state.get(dep) === "open") {
        const loop = [...stack.slice(stack.indexOf(dep)), dep];
        cycles.push(loop.map((f) => relative(dir, f)).join(" → "));
      } else if (!state.has(dep)) visit(dep);
    }
    stack.pop();
    state.set(file, "done");
  };
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
  return cycles;
}

/** Imports of modules under `from` (a folder or a file of src/) into modules under `to`, as `a → b`. */
function importsInto(from: string, to: string): string[] {
  const src = join(repoRoot, "src");
  const inside = (file: string, part: string) => {
    const rel = relative(src, file);
    return rel === part || rel.startsWith(`${part}/`);
  };
  const out: string[] = [];
  for (const [file, deps] of importGraph(src)) {
    if (!inside(file, from)) continue;
    for (const dep of deps) if (inside(dep, to)) out.push(`${relative(src, file)} → ${relative(src, dep)}`);
  }
  return out;
}

describe("import cycles", () => {
  it("src/ has none", () => {
    assert.deepEqual(importCycles(join(repoRoot, "src")), []);
  });

  it("no command imports another (what two commands share lives in the pipeline or render layer)", () => {
    const own = importsInto("commands", "commands").filter((edge) => {
      const [a, b] = edge.split(" → ");
      return a !== b;
    });
    assert.deepEqual(own, []);
  });

  it("the layers below the renderer (check, history, metrics, ingest, lake, the flags) never import it", () => {
    const up = [
      "check",
      "history",
      "metrics",
      "ingest",
      "lake",
      "export",
      "cli/flags.ts",
      "pipeline.ts",
    ].flatMap((layer) => importsInto(layer, "render"));
    assert.deepEqual(up, []);
  });

  it("the scan finds a cycle through a type import and one through a dynamic import", () => {
    const dir = mkdtempSync(join(tmpdir(), "ftparse-cycles-"));
    try {
      mkdirSync(join(dir, "sub"));
      writeFileSync(join(dir, "a.ts"), 'import type { B } from "./sub/b.js";\nexport type A = B;\n');
      writeFileSync(join(dir, "sub", "b.ts"), 'import { a } from "../a.js";\nexport type B = typeof a;\n');
      writeFileSync(join(dir, "c.ts"), 'export const c = () => import("./d.js");\n');
      writeFileSync(join(dir, "d.ts"), 'export { c } from "./c.js";\n');
      writeFileSync(
        join(dir, "e.ts"),
        'import { c } from "./c.js";\nimport "node:fs";\nexport const e = c;\n',
      );
      assert.deepEqual(importCycles(dir), ["a.ts → sub/b.ts → a.ts", "c.ts → d.ts → c.ts"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * The layout of queries/ (queries/README.md): every query found by its name wherever it sits, names
 * unique, the views created in the order of their number, each view file creating what it is named,
 * no file that nothing runs, no two files holding the same SQL.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, it } from "node:test";
import { indexQueries, queriesDir, queryIndex, queryName, querySource } from "../src/queries.js";

const viewsDir = join(queriesDir, "views");
const viewFiles = readdirSync(viewsDir)
  .filter((f) => f.endsWith(".sql"))
  .sort();

/** SQL without comments and with whitespace collapsed. */
function code(sql: string): string {
  return sql
    .replace(/--[^\n]*/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

describe("queries/", () => {
  it("keeps at most 12 files at its top, the rest in folders by stage", () => {
    const top = readdirSync(queriesDir, { withFileTypes: true }).filter((e) => e.isFile());
    assert.ok(top.length <= 12, `${top.length} files at the top of queries/`);
    for (const dir of ["ingest", "views", "read", "history", "migrations"])
      assert.ok(readdirSync(join(queriesDir, dir)).length > 0, dir);
  });

  it("finds a query by its name in any folder, without its order prefix", () => {
    assert.equal(queryIndex().get("summary"), join("views", "02_summary.sql"));
    assert.equal(queryIndex().get("ingest_pod_logs"), join("ingest", "ingest_pod_logs.sql"));
    assert.match(querySource("summary"), /CREATE OR REPLACE TEMP VIEW summary AS/);
    assert.equal(queryName("07_summary_ext.sql"), "summary_ext");
    assert.throws(() => querySource("no_such_query"), /no query file named no_such_query/);
    // migrations and user examples are not named queries
    assert.ok(
      ![...queryIndex().values()].some((p) => p.startsWith("migrations") || p.startsWith("examples")),
    );
  });

  it("refuses two files of one name, naming both", () => {
    const root = mkdtempSync(join(tmpdir(), "ftparse-queries-"));
    try {
      for (const f of ["schema.sql", "flat.sql", "views/01_flat.sql"]) {
        mkdirSync(dirname(join(root, f)), { recursive: true });
        writeFileSync(join(root, f), "SELECT 1;\n");
      }
      assert.throws(
        () => indexQueries(root),
        /two query files are named flat: .*flat\.sql and .*01_flat\.sql/,
      );
      rmSync(join(root, "views", "01_flat.sql"));
      // a new flat file (as other branches add them) is found at the top as well
      assert.deepEqual([...indexQueries(root).keys()].sort(), ["flat", "schema"]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("numbers views/ uniquely, and each file creates the view or macro it is named after", () => {
    const numbers = viewFiles.map((f) => Number(/^(\d+)_/.exec(f)?.[1]));
    assert.ok(numbers.every(Number.isInteger), `unnumbered file in views/: ${viewFiles.join(", ")}`);
    assert.equal(new Set(numbers).size, numbers.length);
    for (const f of viewFiles) {
      const name = queryName(f);
      assert.match(
        readFileSync(join(viewsDir, f), "utf8"),
        new RegExp(`CREATE OR REPLACE TEMP (VIEW|MACRO) ${name}\\b`),
        `${f} does not create ${name}`,
      );
    }
  });

  it("creates every view after the views it reads (creation order = file number)", () => {
    const names = viewFiles.map((f) => queryName(f));
    viewFiles.forEach((f, i) => {
      const body = code(readFileSync(join(viewsDir, f), "utf8"));
      for (const [j, other] of names.entries()) {
        if (j === i) continue;
        const reads = new RegExp(`\\b${other}\\b(?!\\s*:)`).test(body);
        if (reads) assert.ok(j < i, `${f} reads ${other}, which views/ creates later`);
      }
    });
  });

  it("holds no file that no code runs, and no two files of the same SQL", () => {
    const src = sourceFiles(join(queriesDir, "..", "src"))
      .map((f) => readFileSync(f, "utf8"))
      .join("\n");
    const seen = new Map<string, string>();
    for (const [name, rel] of queryIndex()) {
      assert.ok(src.includes(`"${name}"`), `queries/${rel}: no code runs the query "${name}"`);
      const body = code(readFileSync(join(queriesDir, rel), "utf8"));
      assert.equal(
        seen.get(body),
        undefined,
        `queries/${rel} holds the same SQL as queries/${seen.get(body)}`,
      );
      seen.set(body, rel);
    }
  });
});

/**
 * The SQL files of `queries/`, found by name. Code asks for a query by its name (`summary`,
 * `ingest_pod_logs`), never by its path: the files sit in folders by stage (queries/README.md) and
 * can move between them without touching code. The index name → file is built once per process by
 * walking the folder; names must be unique across folders (two files of one name are a bug, reported
 * with both paths). A leading number (`views/02_summary.sql`) orders files in a folder and is not
 * part of the name. `migrations/` (read in order by db.ts) and `examples/` (user queries) are not
 * named queries.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { FtparseError, ExitCode } from "./errors.js";

/** Folders of queries/ that hold no named queries. */
const NOT_NAMED = new Set(["migrations", "examples"]);

/** The queries/ folder of this installation. */
export const queriesDir = findQueriesDir();

function findQueriesDir(): string {
  // dist/src/*.js and src/*.ts both sit two levels below the package root or one.
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    if (existsSync(join(dir, "queries", "schema.sql"))) return join(dir, "queries");
    dir = dirname(dir);
  }
  throw new FtparseError("cannot find the queries/ folder next to ftparse", { exitCode: ExitCode.Internal });
}

let index: Map<string, string> | undefined;
const sqlCache = new Map<string, string>();

/** Every named query: name → path relative to queries/ (e.g. `views/02_summary.sql`). */
export function queryIndex(): ReadonlyMap<string, string> {
  index ??= indexQueries(queriesDir);
  return index;
}

/** The name a file is known by: its base name without `.sql` and without a leading `NN_`. */
export function queryName(file: string): string {
  return file.replace(/\.sql$/, "").replace(/^\d+_/, "");
}

/** Index the named queries under `root` (exported for tests: a folder with a clash must be refused). */
export function indexQueries(root: string): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (dir !== root || !NOT_NAMED.has(entry.name)) walk(path);
        continue;
      }
      if (!entry.name.endsWith(".sql")) continue;
      const name = queryName(entry.name);
      const rel = relative(root, path);
      if (!/^[a-z0-9_]+$/.test(name))
        throw new Error(`bad query file name queries/${rel} (expected [NN_]name.sql)`);
      const other = found.get(name);
      if (other !== undefined)
        throw new Error(`two query files are named ${name}: queries/${other} and queries/${rel}`);
      found.set(name, rel);
    }
  };
  walk(root);
  return found;
}

/** The text of the query named `name`, wherever it sits in queries/. Names are fixed in code. */
export function querySource(name: string): string {
  let text = sqlCache.get(name);
  if (text === undefined) {
    const rel = queryIndex().get(name);
    if (rel === undefined) throw new Error(`no query file named ${name} in queries/`);
    text = readFileSync(join(queriesDir, rel), "utf8");
    sqlCache.set(name, text);
  }
  return text;
}

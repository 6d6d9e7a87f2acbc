/** Helpers for the history tests: temporary folders, result trees to modify, database digests. */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { gunzipSync } from "node:zlib";
import { openDatabase } from "../../src/schema.js";
import { fixture, repoRoot } from "../helpers.js";

export const legacy = fixture("samples", "legacy");
export const frontendScenario = "test_fault_scenario[agg-tp-1-dp-1-frontend]";

/** A fresh temporary folder, removed by the returned cleanup. */
export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "ftparse-history-"));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** A copy of one legacy sample scenario under `parent/<name>/`, to modify freely. */
export async function copyScenario(parent: string, name = frontendScenario, as = "run"): Promise<string> {
  const root = join(parent, as);
  await cp(join(legacy, name), join(root, name), { recursive: true });
  return root;
}

/** The committed schema-version-1 database (fixtures/history/v1.duckdb.gz), unpacked into `dir`. */
export async function v1Database(dir: string): Promise<string> {
  const path = join(dir, "v1.duckdb");
  await writeFile(path, gunzipSync(await readFile(fixture("history", "v1.duckdb.gz"))));
  return path;
}

/**
 * What a database holds, independent of its bytes: per table, the row count and an order-independent
 * hash of all rows. Two equal digests mean the same content.
 */
export async function contentDigest(path: string): Promise<Record<string, string>> {
  const db = await openDatabase({ path, readOnly: true });
  try {
    const out: Record<string, string> = {};
    for (const t of await db.all("export_tables")) {
      const [r] = await db.sql("SELECT count(*) AS n, sum(hash(t)) AS h FROM query_table($table) t", {
        table: String(t.table_name),
      });
      out[String(t.table_name)] = `${String(r!.n)}:${String(r!.h)}`;
    }
    return out;
  } finally {
    db.close();
  }
}

/** The number of runs in a database. */
export async function runCount(path: string): Promise<number> {
  const db = await openDatabase({ path, readOnly: true });
  try {
    return Number((await db.sql("SELECT count(*) AS n FROM runs"))[0]!.n);
  } finally {
    db.close();
  }
}

/**
 * A child Node process running `code` (an ES module; `dist` is the URL of dist/src/), for what needs a
 * second process: a lock held by someone else, an ingest killed half-way.
 */
export function child(
  code: string,
): ChildProcessWithoutNullStreams & { waitFor: (text: string) => Promise<void> } {
  const dist = pathToFileURL(join(repoRoot, "dist", "src")).href;
  const proc = spawn(process.execPath, [
    "--input-type=module",
    "-e",
    `const dist = ${JSON.stringify(dist)};\n${code}`,
  ]);
  let out = "";
  let err = "";
  proc.stdout.on("data", (d: Buffer) => (out += d.toString()));
  proc.stderr.on("data", (d: Buffer) => (err += d.toString()));
  const waitFor = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (out.includes(text)) return resolve();
        if (proc.exitCode !== null)
          return reject(new Error(`child exited (${proc.exitCode}) before "${text}": ${err}`));
        setTimeout(check, 20);
      };
      check();
    });
  return Object.assign(proc, { waitFor });
}

/** Wait for a child process to end. */
export function exited(proc: ChildProcessWithoutNullStreams): Promise<number | null> {
  return proc.exitCode !== null || proc.signalCode !== null
    ? Promise.resolve(proc.exitCode)
    : new Promise((resolve) => proc.on("exit", (code) => resolve(code)));
}

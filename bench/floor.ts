/**
 * The floor of the benchmark: what DuckDB alone needs to read the same bytes ftparse reads. Lists the
 * client logs and pod logs of a legacy tree (a plain recursive readdir), then counts
 * `read_json` rows of the client logs (typed columns) and `read_text` rows of the pod logs, with
 * DuckDB's default thread count (= ftparse's). Files are passed
 * the way ftparse hands them over (src/ingest/readerPaths.ts: no glob expansion where the platform
 * allows), so the floor is not inflated by globbing.
 *
 *   node dist/bench/floor.js TREE
 *
 * It is a measuring instrument, so it talks to @duckdb/node-api directly and keeps its two statements
 * here rather than in queries/ (they are not part of ftparse). The paths are bound as parameters.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { DuckDBInstance, listValue, LIST, VARCHAR } from "@duckdb/node-api";
import { CLIENT_LOGS, openReaderFiles, POD_LOGS, type DirPattern } from "../src/ingest/readerPaths.js";

const CLIENT_SCAN = `
SELECT count(*) AS n FROM read_json($files, format = 'newline_delimited', ignore_errors = true,
  maximum_object_size = 268435456,
  columns = {time: 'VARCHAR',
             results: 'STRUCT(status JSON, result JSON, request_elapsed_time DOUBLE, pod VARCHAR)[]'})`;
// The pod-log globs also match the .metrics.log snapshots: count only the logs.
const POD_SCAN = `SELECT count(*) AS n FROM read_text($files) WHERE NOT contains(parse_filename(filename), 'metrics')`;

function listFiles(root: string, clients: string[], pods: string[]): void {
  for (const e of readdirSync(root, { withFileTypes: true })) {
    const path = join(root, e.name);
    if (e.isDirectory()) listFiles(path, clients, pods);
    else if (/^client_.*\.log\.txt$/.test(e.name)) clients.push(path);
    else if (e.name.endsWith(".log") && !e.name.includes("metrics")) pods.push(path);
  }
}

async function main(root: string): Promise<void> {
  const clients: string[] = [];
  const pods: string[] = [];
  listFiles(root, clients, pods);
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  const count = async (sql: string, files: string[], pattern: DirPattern) => {
    const paths = openReaderFiles(files, pattern);
    try {
      const prepared = await connection.prepare(sql);
      prepared.bindValue(1, listValue(paths.paths), LIST(VARCHAR));
      const reader = await prepared.runAndReadAll();
      return Number(reader.getRowObjectsJS()[0]!.n);
    } finally {
      paths.close();
    }
  };
  const rows = await count(CLIENT_SCAN, clients, CLIENT_LOGS);
  const logs = pods.length > 0 ? await count(POD_SCAN, pods, POD_LOGS) : 0;
  process.stdout.write(`${clients.length} client logs: ${rows} rows; ${logs} pod logs read\n`);
  connection.closeSync();
  instance.closeSync();
}

await main(process.argv[2] ?? ".");

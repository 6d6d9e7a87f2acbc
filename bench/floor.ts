/**
 * The floor of the benchmark: what DuckDB alone needs to read the same bytes ftparse reads. Lists the
 * client logs and pod logs of a legacy tree (a plain recursive readdir), then counts
 * `read_json` rows of the client logs (typed columns) and `read_text` rows of the pod logs, with
 * DuckDB's default thread count (= ftparse's). Files are passed the way ftparse hands them over
 * (src/ingest/readerPaths.ts: no glob expansion where the platform allows), so the floor is not
 * inflated by globbing.
 *
 *   node dist/bench/floor.js TREE [--typed]
 *
 * --typed: a second, higher floor: DuckDB extracting just the client-log fields the metrics read (one
 * row per attempt: time, status, latency, pod, content length) into a table, and reading the pod
 * logs' text, on as many one-thread connections as ftparse's ingest uses (its lanes and its main one). No line numbers,
 * no checks, no time zones, no metrics: what any ftparse built on DuckDB's reader must at least do.
 *
 * It is a measuring instrument, so it talks to @duckdb/node-api directly and keeps its statements
 * here rather than in queries/ (they are not part of ftparse). The paths are bound as parameters.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { type DuckDBConnection, DuckDBInstance, listValue, LIST, VARCHAR } from "@duckdb/node-api";
import { CLIENT_LOGS, openReaderFiles, POD_LOGS, type DirPattern } from "../src/ingest/fs/readerPaths.js";
import { LANES, wholeScenarioParts } from "../src/ingest/readers/lanes.js";

const CLIENT_SCAN = `
SELECT count(*) AS n FROM read_json($files, format = 'newline_delimited', ignore_errors = true,
  maximum_object_size = 268435456,
  columns = {time: 'VARCHAR',
             results: 'STRUCT(status JSON, result JSON, request_elapsed_time DOUBLE, pod VARCHAR)[]'})`;
const ATTEMPTS = `CREATE TABLE attempts (time VARCHAR, status JSON, latency DOUBLE, pod VARCHAR, content_chars BIGINT)`;
const CLIENT_TYPED = `
INSERT INTO attempts
SELECT time, a.status, a.request_elapsed_time, a.pod, length(a.result.choices[1].message.content) AS content_chars
FROM (SELECT time, unnest(results) AS a
      FROM read_json($files, format = 'newline_delimited', ignore_errors = true,
        maximum_object_size = 268435456,
        columns = {time: 'VARCHAR',
                   results: 'STRUCT(status JSON, result STRUCT(choices STRUCT(message STRUCT(content VARCHAR))[]),
                                    request_elapsed_time DOUBLE, pod VARCHAR)[]'}))`;
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

async function main(root: string, typed: boolean): Promise<void> {
  const clients: string[] = [];
  const pods: string[] = [];
  listFiles(root, clients, pods);
  const instance = await DuckDBInstance.create(":memory:", typed ? { threads: "1" } : {});
  const connections = await Promise.all(
    Array.from({ length: typed ? LANES + 1 : 1 }, () => instance.connect()),
  );
  const run = async (connection: DuckDBConnection, sql: string, files: string[], pattern: DirPattern) => {
    const paths = openReaderFiles(files, pattern);
    try {
      const prepared = await connection.prepare(sql);
      prepared.bindValue(1, listValue(paths.paths), LIST(VARCHAR));
      // a count: of the rows read, or of the rows inserted
      return Number((await prepared.runAndReadAll()).getRows()[0]?.[0] ?? 0);
    } finally {
      paths.close();
    }
  };
  if (!typed) {
    const [connection] = connections as [DuckDBConnection];
    const rows = await run(connection, CLIENT_SCAN, clients, CLIENT_LOGS);
    const logs = pods.length > 0 ? await run(connection, POD_SCAN, pods, POD_LOGS) : 0;
    process.stdout.write(`${clients.length} client logs: ${rows} rows; ${logs} pod logs read\n`);
  } else {
    await connections[0]!.run(ATTEMPTS);
    // as ftparse's lanes: independent statements drained by the connections, the client logs first
    // (in one part per connection, whole directories each) and the pod logs last
    const byDir = (f: string) => f.slice(0, f.lastIndexOf("/"));
    const tasks = [
      ...wholeScenarioParts(clients, connections.length, byDir).map(
        (part) => (c: DuckDBConnection) => run(c, CLIENT_TYPED, part, CLIENT_LOGS),
      ),
      (c: DuckDBConnection) => (pods.length > 0 ? run(c, POD_SCAN, pods, POD_LOGS) : Promise.resolve(0)),
    ];
    let next = 0;
    await Promise.all(
      connections.map(async (c) => {
        while (next < tasks.length) await tasks[next++]!(c);
      }),
    );
    const [connection] = connections as [DuckDBConnection];
    const attempts = await connection.runAndReadAll("SELECT count(*) AS n FROM attempts");
    process.stdout.write(
      `${clients.length} client logs: ${String(attempts.getRowObjectsJS()[0]!.n)} attempts typed\n`,
    );
  }
  for (const c of connections) c.closeSync();
  instance.closeSync();
}

await main(process.argv[2] ?? ".", process.argv.includes("--typed"));

import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { createRequire } from "node:module";
import { MAX_OPEN_DIRS, openReaderFiles, POD_LOGS } from "../../src/ingest/fs/readerPaths.js";

const duckdb = createRequire(import.meta.url)("@duckdb/node-api") as typeof import("@duckdb/node-api");

/** What DuckDB's read_text reports for `paths`: filename → content. */
async function readText(paths: string[]): Promise<Map<string, string>> {
  const instance = await duckdb.DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    const prepared = await connection.prepare("SELECT filename, content FROM read_text($1)");
    prepared.bindValue(1, duckdb.listValue(paths), duckdb.LIST(duckdb.VARCHAR));
    const rows = (await prepared.runAndReadAll()).getRowObjectsJS();
    return new Map(rows.map((r) => [String(r.filename), String(r.content)]));
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

describe("openReaderFiles(files)", () => {
  const root = mkdtempSync(join(tmpdir(), "ftparse-readerpaths-"));
  after(() => rmSync(root, { recursive: true, force: true }));
  // a bracketed scenario directory with a service folder, a name that is itself a glob, a plain folder,
  // and neighbours that a glob over the parent would reach
  const files: string[] = [];
  const put = (path: string, text: string, wanted = true) => {
    mkdirSync(join(path, ".."), { recursive: true });
    writeFileSync(path, text);
    if (wanted) files.push(path);
  };
  put(join(root, "run[1]", "test_fault_scenario[agg-tp-1]", "Frontend", "pod-a.log"), "a\n");
  put(join(root, "run[1]", "test_fault_scenario[agg-tp-1]", "Frontend", "pod-a.previous.log"), "b\n");
  put(join(root, "run[1]", "test_fault_scenario[agg-tp-1]", "Frontend", "pod-a.metrics.log"), "m\n", false);
  put(join(root, "run[1]", "test_fault_scenario[agg-tp-2]", "Frontend", "p*[x]?.log"), "c\n");
  put(join(root, "run[1]", "test_fault_scenario[agg-tp-2]", "Frontend", "p1[x]?.log"), "d\n", false);
  put(join(root, "plain", "Frontend", "pod-b.log"), "e\n");

  it("reads every file, each under its name, when more directories than it holds open are involved", async () => {
    const many: string[] = [];
    for (let i = 0; i <= MAX_OPEN_DIRS; i++) {
      const file = join(root, "many", `scenario[${i}]`, "pod.log");
      mkdirSync(join(file, ".."), { recursive: true });
      writeFileSync(file, `${i}\n`);
      many.push(file);
    }
    const reader = openReaderFiles(many, POD_LOGS);
    try {
      if (process.platform === "linux") {
        // the first MAX_OPEN_DIRS through /proc/self/fd, the last one its own way
        assert.ok(reader.names[0]!.startsWith("/proc/self/fd/"));
        assert.equal(reader.names[MAX_OPEN_DIRS], many[MAX_OPEN_DIRS]);
      }
      const read = await readText(reader.paths);
      assert.equal(read.size, many.length);
      many.forEach((_, i) => assert.equal(read.get(reader.names[i]!), `${i}\n`));
    } finally {
      reader.close();
    }
  });

  for (const aliases of [true, false]) {
    it(`gives paths the reader names as told, one per wanted file (${aliases ? "fd aliases" : "directory globs"})`, async () => {
      const reader = openReaderFiles(files, POD_LOGS, [], aliases);
      try {
        assert.equal(reader.names.length, files.length);
        assert.deepEqual(reader.files, files);
        const read = await readText(reader.paths);
        // every wanted file is read under its name, with its own content; what else a directory glob
        // reached (the metrics snapshot) has no name in the list, so the statements' join drops it
        files.forEach((file, i) => {
          const name = reader.names[i]!;
          assert.equal(read.get(name), ["a\n", "b\n", "c\n", "e\n"][i], `${file} read as ${name}`);
        });
        assert.ok(
          ![...read.keys()].some((name) => name.endsWith("p1[x]?.log")),
          "a name matching the glob is not read",
        );
        if (aliases && process.platform === "linux")
          assert.ok(
            reader.names.slice(0, 3).every((n) => n.startsWith("/proc/self/fd/")),
            reader.names.join(),
          );
        else assert.deepEqual(reader.names, files);
      } finally {
        reader.close();
      }
    });
  }
});

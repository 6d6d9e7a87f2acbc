/**
 * Every input the reference parser crashes on (docs/layouts/legacy.md#reference-parser-crashes, "Crashes"), plus the V0-only crashes
 * and the worst of the rest (an unreadable file, a 50 MB line), each as a named case: ftparse prints
 * the numbers of what it can read, lists what it skipped with file and line, and exits 0 (2 with
 * --strict). Each case is a one-scenario tree written here, so its numbers are known exactly.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { repoRoot, runCli } from "../helpers.js";

const DIR = "test_fault_scenario[crash-tp-1-dp-1-frontend]";
const LONG = "x".repeat(120);
const TEST_LOG = [
  "[TEST] 2025-10-01T10:00:00 INFO ManagedDeployment: Starting Deployment fault-tolerance-test with spec <spec>",
  "[TEST] 2025-10-01T10:02:00 INFO ManagedDeployment: Deployment fault-tolerance-test is ready",
  "[TEST] 2025-10-01T10:03:00 INFO test: Injecting failure for: Failure(time=30, pod_name='Frontend', command='dynamo.frontend', signal='SIGINT', replicas=1)",
].join("\n");
const READY = `{"time":"2025-10-01T10:03:20.000000Z","level":"INFO","message":"added model"}`;

function request(time: string, latency = 1.0, content = LONG): string {
  return JSON.stringify({
    time,
    results: [
      {
        status: 200,
        result: { choices: [{ message: { content } }] },
        request_elapsed_time: latency,
        pod: null,
      },
    ],
  });
}
const BEFORE = request("2025-10-01T10:02:30", 1.0);
const AFTER = request("2025-10-01T10:03:30", 3.0);

const work = mkdtempSync(join(tmpdir(), "ftparse-crashes-"));
after(() => rmSync(work, { recursive: true, force: true }));
let n = 0;

/** A one-scenario tree; files default to a clean test log, two good requests and a ready line. */
function tree(files: Record<string, string | Buffer> = {}): string {
  const root = join(work, `case-${n++}`);
  const all: Record<string, string | Buffer> = {
    "test.log.txt": TEST_LOG,
    "client_0.log.txt": `${BEFORE}\n${AFTER}\n`,
    "Frontend/fault-tolerance-test-frontend-a-b.log": READY,
    ...files,
  };
  for (const [rel, body] of Object.entries(all)) {
    const p = join(root, DIR, rel);
    mkdirSync(join(p, ".."), { recursive: true });
    writeFileSync(p, body);
  }
  return root;
}

async function report(root: string, extra: string[] = []) {
  const r = await runCli([root, "--format", "json", ...extra]);
  assert.doesNotMatch(r.stderr, /internal error|\n\s+at .+:\d+:\d+/);
  const rows = r.stdout ? (JSON.parse(r.stdout) as Record<string, unknown>[]) : [];
  return { ...r, row: rows[0] };
}

const clientFile = (root: string) => join(root, DIR, "client_0.log.txt");

describe("reference-parser crash cases (docs/layouts/legacy.md#reference-parser-crashes) now pass", () => {
  for (const [name, line] of [
    ["a client line that is a JSON number", "42"],
    ["a client line that is a JSON array", "[]"],
    ["a client line that is a JSON string", `"x"`],
    ["a client object without results", `{"time": "2025-10-01T10:02:40"}`],
    ["a client object without time", `{"results": []}`],
    [
      "an attempt without status",
      `{"time": "2025-10-01T10:02:40", "results": [{"request_elapsed_time": 1.0}]}`,
    ],
    [
      "an attempt without request_elapsed_time",
      `{"time": "2025-10-01T10:02:40", "results": [{"status": 200, "result": null}]}`,
    ],
    ["a truncated last line (V0: JSONDecodeError)", `{"time": "2025-10-01T10:0`],
    ["a non-JSON line (V0: JSONDecodeError)", "Traceback (most recent call last):"],
  ] as const) {
    it(`${name}: skipped, reported at its line, the rest counted`, async () => {
      const root = tree({ "client_0.log.txt": `${BEFORE}\n${line}\n${AFTER}\n` });
      const r = await report(root);
      assert.equal(r.code, 0);
      assert.equal(r.row?.success_before, 1);
      assert.equal(r.row?.success_after, 1);
      assert.ok(r.stderr.includes(`${clientFile(root)}:2: line skipped`), r.stderr);
      assert.equal((await report(root, ["--strict"])).code, 2);
    });
  }

  it("a message without content and reasoning_content (V0: UnboundLocalError): a failed attempt", async () => {
    const noContent = JSON.stringify({
      time: "2025-10-01T10:02:40",
      results: [
        { status: 200, result: { choices: [{ message: { role: "assistant" } }] }, request_elapsed_time: 1 },
      ],
    });
    const r = await report(tree({ "client_0.log.txt": `${noContent}\n${BEFORE}\n${AFTER}\n` }));
    assert.equal(r.code, 0);
    assert.deepEqual([r.row?.success_before, r.row?.failed_before], [1, 1]);
  });

  for (const [zone, time] of [
    ["Z", "2025-10-01T10:03:30Z"],
    ["+02:00", "2025-10-01T12:03:30+02:00"],
    ["a fraction", "2025-10-01T10:03:30.250"],
  ] as const) {
    it(`client time with ${zone} while a fault exists (naive vs aware): read as its instant`, async () => {
      const r = await report(tree({ "client_0.log.txt": `${BEFORE}\n${request(time, 3.0)}\n` }));
      assert.equal(r.code, 0);
      assert.deepEqual([r.row?.success_before, r.row?.success_after, r.row?.latency_after_s], [1, 1, 3]);
      assert.equal(r.stderr, "");
    });
  }

  it("a test.log marker whose second token is not a timestamp: ignored and reported", async () => {
    const bad = "[TEST] yesterday INFO test: Injecting failure for: Failure(time=30)";
    const root = tree({ "test.log.txt": `${TEST_LOG}\n${bad}` });
    const r = await report(root);
    assert.equal(r.code, 0);
    assert.equal(r.row?.recovery_s, 20, "the readable fault line still counts");
    assert.ok(r.stderr.includes(`${join(root, DIR, "test.log.txt")}:4: marker line ignored`), r.stderr);
  });

  it("pod log lines that are JSON numbers, booleans, null, strings holding 'time', or lack time", async () => {
    const pod = ["42", "true", "null", `"the time is now"`, `{"message": "added model"}`, READY].join("\n");
    const r = await report(tree({ "Frontend/fault-tolerance-test-frontend-a-b.log": pod }));
    assert.equal(r.code, 0);
    assert.equal(r.row?.recovery_s, 20);
    assert.equal(r.stderr, "", "text lines are not input errors");
  });

  it("a pod log `time` that is not a string: the line is reported, recovery from the others", async () => {
    const root = tree({
      "Frontend/fault-tolerance-test-frontend-a-b.log": `{"time": 1759313000, "message": "added model"}\n${READY}`,
    });
    const r = await report(root);
    assert.equal(r.row?.recovery_s, 20);
    assert.match(r.stderr, /frontend-a-b\.log:1: pod log line without a readable "time"/);
  });

  it("offset-aware pod timestamps together with a fault: compared as instants", async () => {
    const ready = `{"time":"2025-10-01T12:03:45.500000+02:00","level":"INFO","message":"added model"}`;
    const r = await report(tree({ "Frontend/fault-tolerance-test-frontend-a-b.log": ready }));
    assert.equal(r.row?.recovery_s, 45.5);
  });

  it("a pod log line cut off mid-record: reported", async () => {
    const root = tree({
      "Frontend/fault-tolerance-test-frontend-a-b.log": `${READY}\n{"time":"2025-10-01T10:04`,
    });
    const r = await report(root);
    assert.equal(r.row?.recovery_s, 20);
    assert.match(r.stderr, /frontend-a-b\.log:2: pod log line looks like a cut-off JSON record/);
  });
});

describe("unreadable and misplaced inputs", () => {
  it("a folder, a FIFO and a dangling symlink named like client logs: reported by name, the rest counted", async () => {
    const root = tree();
    const dir = join(root, DIR);
    mkdirSync(join(dir, "client_1.log.txt"));
    spawnSync("mkfifo", [join(dir, "client_2.log.txt")]);
    spawnSync("ln", ["-s", join(dir, "missing"), join(dir, "client_3.log.txt")]);
    const r = await report(root);
    assert.equal(r.code, 0);
    assert.equal(r.row?.success_before, 1);
    assert.match(r.stderr, /client_1\.log\.txt: skipped: is a directory, not a file/);
    assert.match(r.stderr, /client_2\.log\.txt: skipped: is not a regular file/);
    assert.match(r.stderr, /client_3\.log\.txt: skipped: is a broken symlink/);
  });

  it("a folder where test.log.txt is expected, a file where Frontend/ is expected", async () => {
    const root = tree({ "Frontend/x": "" });
    rmSync(join(root, DIR, "test.log.txt"));
    mkdirSync(join(root, DIR, "test.log.txt"));
    rmSync(join(root, DIR, "Frontend"), { recursive: true });
    writeFileSync(join(root, DIR, "Frontend"), "not a folder");
    const r = await report(root);
    assert.equal(r.code, 0);
    assert.equal(r.row?.success_before, 2, "no fault known: every attempt is before");
    assert.match(r.stderr, /test\.log\.txt: test\.log\.txt is a directory, not a file: Startup/);
    assert.match(r.stderr, /Frontend: skipped: a service folder name, but not a folder/);
  });

  it("a dangling symlink next to the scenarios: warned about", async () => {
    const root = tree();
    spawnSync("ln", ["-s", join(root, "gone"), join(root, "latest")]);
    const r = await report(root);
    assert.equal(r.code, 0);
    assert.match(r.stderr, /latest: skipped: broken symlink \(its target does not exist\)/);
  });

  it("a file without read permission (chmod 000): reported, not an internal error", (t) => {
    const root = tree({ "client_1.log.txt": `${AFTER}\n` });
    const bin = join(repoRoot, "dist", "src", "bin.js");
    // root reads anything: run as `nobody` then (the tree and dist/ are world-readable)
    const asRoot = process.getuid?.() === 0;
    if (asRoot) spawnSync("chmod", ["-R", "a+rX", work]);
    chmodSync(join(root, DIR, "client_1.log.txt"), 0o000);
    if (asRoot) {
      // The clone may sit under a folder `nobody` cannot enter (e.g. a mktemp directory): then there is
      // nothing to learn here, and saying so beats a false failure.
      const probe = spawnSync(process.execPath, ["-e", "require('fs').accessSync(process.argv[1])", bin], {
        uid: 65534,
        gid: 65534,
      });
      if (probe.status !== 0) {
        t.skip("ftparse's own files are not readable by user nobody here");
        return;
      }
    }
    const r = spawnSync(process.execPath, [bin, root, "--format", "json"], {
      encoding: "utf8",
      ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
    });
    if (r.error) throw r.error;
    assert.doesNotMatch(r.stderr, /internal error/);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /client_1\.log\.txt: skipped: cannot be opened: permission denied/);
    assert.equal((JSON.parse(r.stdout) as Record<string, unknown>[])[0]?.success_after, 1);
  });

  it("a 50 MB single line: skipped and reported, memory and time stay sane", async () => {
    const huge = `{"time": "2025-10-01T10:02:40", "junk": "${"a".repeat(50_000_000)}"}`;
    const root = tree({ "client_0.log.txt": `${BEFORE}\n${huge}\n${AFTER}\n` });
    const r = await report(root);
    assert.equal(r.code, 0);
    assert.deepEqual([r.row?.success_before, r.row?.success_after], [1, 1]);
    assert.ok(r.stderr.includes(`${clientFile(root)}:2: line skipped`));
  });

  it("NUL bytes and invalid UTF-8 in a line: that line reported, the others counted", async () => {
    const body = Buffer.concat([
      Buffer.from(`${BEFORE}\n{"time": "2025-10-01T10:02:4`),
      Buffer.from([0, 0, 0xff, 0xfe]),
      Buffer.from(`"}\n${AFTER}\n`),
    ]);
    const root = tree({ "client_0.log.txt": body });
    const r = await report(root);
    assert.deepEqual([r.row?.success_before, r.row?.success_after], [1, 1]);
    assert.ok(r.stderr.includes(`${clientFile(root)}:2: invalid UTF-8`));
    assert.ok(r.stderr.includes(`${clientFile(root)}:2: line skipped`));
  });

  it("a hostile directory name reaches no SQL: quotes, semicolons, brackets, unicode", async () => {
    const root = tree();
    const hostile = `test_fault_scenario[x'); DROP TABLE requests; --"[ü名🚀]-frontend]`;
    spawnSync("mv", [join(root, DIR), join(root, hostile)]);
    const r = await report(root, ["--strict"]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.row?.test_group, `x'); DROP TABLE requests; --"[ü名🚀]`);
    assert.deepEqual([r.row?.success_before, r.row?.success_after, r.row?.recovery_s], [1, 1, 20]);
  });

  it("--strict: the numbers are printed, then exit 2 naming the count", async () => {
    const root = tree({ "client_0.log.txt": `${BEFORE}\nnot json\n${AFTER}\n` });
    const r = await report(root, ["--strict"]);
    assert.equal(r.code, 2);
    assert.equal(r.row?.success_after, 1);
    assert.match(r.stderr, /--strict: 1 input issue found/);
  });
});

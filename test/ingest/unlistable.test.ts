/**
 * A folder that exists but cannot be listed is reported the same way in every layout: a warning
 * naming the folder ("skipped: cannot list this directory (CODE)"), never dropped silently.
 *
 * A symlink that points at itself cannot be listed by anyone (ELOOP, root included), so the AI-Perf and
 * events cases run everywhere; a folder without read permission (EACCES) only stops a user other than
 * root, so those cases are skipped when the tests run as root.
 */
import assert from "node:assert/strict";
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { fixture, runCli } from "../helpers.js";

const work = mkdtempSync(join(tmpdir(), "ftparse-unlistable-"));
after(() => rmSync(work, { recursive: true, force: true }));
const asRoot = process.getuid?.() === 0;
const rootSkip = asRoot ? "root can list a folder without read permission" : false;

/** A copy of one fixture scenario folder under `work/<name>/`, to break. */
function copy(name: string, ...from: string[]): string {
  const dir = join(work, name, from[from.length - 1]!);
  cpSync(fixture(...from), dir, { recursive: true });
  return dir;
}

/** `ftparse ROOT` warns about exactly this folder, and still reports the scenario. */
async function assertWarned(root: string, folder: string, code: string): Promise<void> {
  const r = await runCli([root, "--format", "json"]);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(
    r.stderr.includes(`${folder}: skipped: cannot list this directory (${code})`),
    `no warning naming ${folder}:\n${r.stderr}`,
  );
  assert.equal((JSON.parse(r.stdout) as unknown[]).length, 1);
}

describe("unreadable folders: one warning naming the folder, in every layout", () => {
  it("AI-Perf: the pod folder the fault line names (a symlink loop)", async () => {
    const dir = copy(
      "aiperf-loop",
      "samples",
      "aiperf",
      "test_fault_scenario[vllm-agg-tp-1-dp-1-decode_worker]",
    );
    const pod = join(dir, "VllmDecodeWorker");
    rmSync(pod, { recursive: true });
    symlinkSync("VllmDecodeWorker", pod);
    await assertWarned(join(work, "aiperf-loop"), pod, "ELOOP");
  });

  it("AI-Perf: an attempt folder without read permission", { skip: rootSkip }, async () => {
    const dir = copy(
      "aiperf-perm",
      "samples",
      "aiperf",
      "test_fault_scenario[vllm-agg-tp-1-dp-1-decode_worker]",
    );
    const attempt = join(dir, "client_0", "attempt_0");
    chmodSync(attempt, 0o000);
    try {
      await assertWarned(join(work, "aiperf-perm"), attempt, "EACCES");
    } finally {
      chmodSync(attempt, 0o755);
    }
  });

  it("events: a load rung's aiperf/ folder (a symlink loop)", async () => {
    const dir = copy("events-loop", "layouts", "mixed", "events", "test_worker_kill_vllm");
    const rung = join(dir, "load-extra-abcd1234");
    mkdirSync(rung);
    symlinkSync("aiperf", join(rung, "aiperf"));
    await assertWarned(join(work, "events-loop"), join(rung, "aiperf"), "ELOOP");
  });

  it("events: a load folder without read permission", { skip: rootSkip }, async () => {
    const dir = copy("events-perm", "layouts", "mixed", "events", "test_worker_kill_vllm");
    const load = join(dir, "load");
    chmodSync(load, 0o000);
    try {
      const r = await runCli([join(work, "events-perm"), "--format", "json"]);
      assert.ok(r.stderr.includes(`${load}: skipped: cannot list this directory (EACCES)`), r.stderr);
    } finally {
      chmodSync(load, 0o755);
    }
  });

  it("legacy: a service folder without read permission", { skip: rootSkip }, async () => {
    const dir = copy("legacy-perm", "samples", "legacy", "test_fault_scenario[agg-tp-1-dp-1-frontend]");
    const service = join(dir, "Frontend");
    chmodSync(service, 0o000);
    try {
      await assertWarned(join(work, "legacy-perm"), service, "EACCES");
    } finally {
      chmodSync(service, 0o755);
    }
  });
});

/** Shared test helpers: run the real CLI in-process, locate fixtures, assert FtparseErrors. */
import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { main } from "../src/cli.js";
import { recordingEffects } from "../src/effects.js";
import { Warnings } from "../src/messages.js";
import { FtparseError } from "../src/errors.js";

/** Repository root (tests run from dist/test). */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const fixture = (...parts: string[]) => join(repoRoot, "fixtures", ...parts);

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  warnings: Warnings;
}

/** Run `ftparse ARGS` in-process with recording effects (stdout is not a TTY: JSON by default). */
export async function runCli(args: readonly string[], opts: { tty?: boolean } = {}): Promise<CliResult> {
  const warnings = new Warnings();
  const rec = recordingEffects(warnings);
  if (opts.tty) rec.effects.stdoutIsTTY = true;
  const code = await main(args, rec.effects);
  return { code, stdout: rec.stdout(), stderr: rec.stderr(), warnings };
}

/** Run and parse `--format json` output. */
export async function runJson(
  args: readonly string[],
): Promise<{ code: number; rows: Record<string, unknown>[]; stderr: string }> {
  const r = await runCli([...args, "--format", "json"]);
  return {
    code: r.code,
    rows: r.stdout ? (JSON.parse(r.stdout) as Record<string, unknown>[]) : [],
    stderr: r.stderr,
  };
}

/** Assert that `fn` rejects with an FtparseError of this exit code whose message matches. */
export async function assertFtparseError(
  fn: () => Promise<unknown>,
  exitCode: number,
  message: RegExp,
): Promise<void> {
  await assert.rejects(fn, (e: unknown) => {
    assert.ok(e instanceof FtparseError, `expected FtparseError, got ${String(e)}`);
    assert.equal(e.exitCode, exitCode);
    assert.match(e.message, message);
    return true;
  });
}

/** The row for one group and failure. */
export function rowOf(
  rows: Record<string, unknown>[],
  group: string,
  failure: string,
): Record<string, unknown> {
  const r = rows.find((x) => x.test_group === group && x.failure === failure);
  assert.ok(r, `no row for ${group}/${failure}`);
  return r;
}

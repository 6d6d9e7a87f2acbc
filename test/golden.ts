/**
 * Golden files under test/expected/: an output is compared byte for byte with its expected file. A
 * mismatch, or a missing expected file, fails and writes the actual output next to it as
 * `<name>-changed.<ext>` (git-ignored) for review: nothing is ever accepted silently. To accept new
 * outputs, rename the `-changed` files over the golden ones, or run with FTPARSE_UPDATE_GOLDEN=1,
 * which rewrites every golden file the run compares (and is for a person at a terminal, never CI).
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { repoRoot } from "./helpers.js";

export const expectedRoot = join(repoRoot, "test", "expected");

/** `charts/recovery.vl.json` → `charts/recovery-changed.vl.json`: the suffix goes before every extension. */
export function changedPath(file: string): string {
  const name = basename(file);
  const dot = name.indexOf(".");
  const changed = dot < 0 ? `${name}-changed` : `${name.slice(0, dot)}-changed${name.slice(dot)}`;
  return join(dirname(file), changed);
}

/** Compare `actual` with test/expected/<relPath>; see the file comment for what happens otherwise. */
export function assertGolden(relPath: string, actual: string, root: string = expectedRoot): void {
  const file = join(root, relPath);
  const changed = changedPath(file);
  if (process.env.FTPARSE_UPDATE_GOLDEN === "1") {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    rmSync(changed, { force: true });
    return;
  }
  const expected = existsSync(file) ? readFileSync(file, "utf8") : undefined;
  if (expected === actual) {
    rmSync(changed, { force: true });
    return;
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(changed, actual);
  const rel = changed.startsWith(repoRoot) ? changed.slice(repoRoot.length + 1) : changed;
  if (expected === undefined) {
    assert.fail(
      `missing golden file test/expected/${relPath}: the output is in ${rel}; review it and rename it`,
    );
  }
  assert.equal(actual, expected, `${file} differs from the output (written to ${rel})`);
}

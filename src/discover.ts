/**
 * Stage 1: find scenario directories under each PATH, at any depth, by their markers (not by name),
 * and classify their layout with the adapters' detectors in detection order (docs/layouts/index.md#detection-order).
 *
 * A small walker of our own rather than fast-glob: it must follow symlinked run folders yet stop at
 * symlink loops, and report unreadable directories by name instead of suppressing them.
 */
import { readdirSync, realpathSync, statSync } from "node:fs";
import { stat } from "node:fs/promises";
import { basename, resolve } from "node:path";
import { childPath } from "./ingest/fs/entries.js";
import { adaptersInDetectionOrder } from "./ingest/index.js";
import type { FoundScenario } from "./ingest/types.js";
import type { Warnings } from "./messages.js";
import { FtparseError, ExitCode } from "./errors.js";
import { msg } from "./messages.js";

export async function discover(paths: readonly string[], warnings: Warnings): Promise<FoundScenario[]> {
  const found: FoundScenario[] = [];
  for (const p of paths) {
    const root = resolve(p);
    let info;
    try {
      info = await stat(root);
    } catch {
      throw new FtparseError(msg.pathMissing(p), { exitCode: ExitCode.Usage });
    }
    if (!info.isDirectory()) {
      throw new FtparseError(`${p} is not a directory`, {
        exitCode: ExitCode.Usage,
        hint: "give the folder that holds the scenario directories (or one scenario directory)",
      });
    }
    await walk(root, root, undefined, new Set(), found, warnings);
  }
  // Deterministic order regardless of the file system's listing order.
  found.sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
  return dedupe(found);
}

/**
 * Visit `dir`: a scenario directory, or a folder whose sub-directories are visited in name order.
 * `real` is its real path when already known (a plain sub-directory of a folder whose real path is
 * known); only the PATH itself and symlinked folders need asking the file system.
 *
 * The file-system calls are synchronous on purpose: a tree of hundreds of scenarios is a few
 * thousand small metadata calls, which the thread pool's hand-offs would make several times slower
 * (docs/performance.md#measurements-behind-the-code), and the main thread has
 * nothing else to do meanwhile (DuckDB starts on its own threads).
 */
async function walk(
  root: string,
  dir: string,
  known: string | undefined,
  seen: Set<string>,
  found: FoundScenario[],
  warnings: Warnings,
): Promise<void> {
  let real: string;
  try {
    real = known ?? realpathSync.native(dir);
  } catch (e) {
    warnings.add({ file: dir, message: `skipped: ${(e as Error).message}` });
    return;
  }
  if (seen.has(real)) {
    warnings.add({ file: dir, message: "skipped: symlink loop (this folder was already visited)" });
    return;
  }
  seen.add(real);
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    warnings.add({
      file: dir,
      message: `skipped: cannot list directory (${(e as NodeJS.ErrnoException).code ?? e})`,
    });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const adapter of adaptersInDetectionOrder) {
    if (await adapter.detect(dir, entries)) {
      found.push({ root, dir, name: basename(dir), layout: adapter.layout, listing: entries });
      return;
    }
  }
  for (const e of entries) {
    const child = childPath(dir, e.name);
    if (e.isDirectory()) {
      await walk(root, child, childPath(real, e.name), seen, found, warnings);
    } else if (e.isSymbolicLink()) {
      let target;
      try {
        target = statSync(child);
      } catch (err) {
        // A dangling link may be a results folder that was not copied along: say so.
        warnings.add({ file: child, message: msg.brokenSymlink((err as NodeJS.ErrnoException).code) });
        continue;
      }
      if (target.isDirectory()) await walk(root, child, undefined, seen, found, warnings);
    }
  }
}

/** The same directory reached through two PATHs (or a symlink) is read once. */
function dedupe(found: FoundScenario[]): FoundScenario[] {
  const seen = new Set<string>();
  return found.filter((f) => (seen.has(f.dir) ? false : (seen.add(f.dir), true)));
}

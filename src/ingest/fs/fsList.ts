/**
 * Folder listings for the adapters' file manifests. A path that does not exist or is not a folder
 * lists as empty: the adapters decide what a missing folder means (usually an ingest issue). A
 * folder that exists but cannot be listed (no permission, a symlink loop, an I/O error) also lists
 * as empty, and is reported through `unreadable`, with the same warning the legacy adapter and the
 * service folders give (msg.unlistable), so that no layout drops a folder silently.
 */
import { readdir } from "node:fs/promises";
import type { Dirent } from "node:fs";
import { msg } from "../../messages.js";
import { addIssue } from "../issues.js";
import type { IngestContext } from "../types.js";

/** Told about a folder that exists but cannot be listed. */
export type Unreadable = (dir: string, error: unknown) => Promise<void>;

/** Reports an unreadable folder as a warning of this scenario, naming the folder. */
export function warnUnreadable(ctx: IngestContext, scenarioId: number): Unreadable {
  return (dir, error) => addIssue(ctx, scenarioId, dir, msg.unlistable(error));
}

/**
 * For detection only: it looks, and the ingest that follows lists the same folders again and reports
 * them, so detection ignores what it cannot list.
 */
export const ignoreUnreadable: Unreadable = () => Promise.resolve();

/** Sub-directory names of a folder. */
export async function listDirs(dir: string, unreadable: Unreadable): Promise<string[]> {
  return (await list(dir, unreadable)).filter((e) => e.isDirectory()).map((e) => e.name);
}

/** File names of a folder. */
export async function listFiles(dir: string, unreadable: Unreadable): Promise<string[]> {
  return (await list(dir, unreadable)).filter((e) => e.isFile()).map((e) => e.name);
}

/** Both at once, for a folder whose sub-folders and files are both wanted (listed, and reported, once). */
export async function listFolder(
  dir: string,
  unreadable: Unreadable,
): Promise<{ dirs: string[]; files: string[] }> {
  const entries = await list(dir, unreadable);
  return {
    dirs: entries.filter((e) => e.isDirectory()).map((e) => e.name),
    files: entries.filter((e) => e.isFile()).map((e) => e.name),
  };
}

async function list(dir: string, unreadable: Unreadable): Promise<Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== "ENOENT" && code !== "ENOTDIR") await unreadable(dir, e);
    return [];
  }
}

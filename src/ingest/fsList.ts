/**
 * Folder listings for the adapters' file manifests. A path that is not a readable folder lists as
 * empty: the adapters decide what a missing folder means (usually an ingest issue).
 */
import { readdir } from "node:fs/promises";

/** Sub-directory names of a folder. */
export async function listDirs(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch {
    return [];
  }
}

/** File names of a folder. */
export async function listFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
  } catch {
    return [];
  }
}

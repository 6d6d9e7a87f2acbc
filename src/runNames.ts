/**
 * The display name of each run (docs/runs.md): what `run` holds in every JSON/CSV row and what the
 * `Run` column and `check`'s verdict show. Short, unique within one report, and derived from what the
 * user typed, so that they recognise it:
 *
 * - a folder PATH: its last path component (`B/run_001/` → `run_001`); a scenario directory given
 *   directly is named after the folder that holds it;
 * - an archive PATH: the file name without its archive extension (`run-7.tar.gz` → `run-7`);
 * - two PATHs that end alike get one more leading component each until they differ
 *   (`a/nightly` and `b/nightly` → `a/nightly`, `b/nightly`); names still equal get `#2`, `#3`.
 */
import { basename, dirname, resolve, sep } from "node:path";
import type { FoundScenario } from "./ingest/types.js";

/** Archive extensions a PATH may carry (longest first: `.tar.gz` before `.gz`). */
export const ARCHIVE_EXTENSIONS = [".tar.gz", ".tgz", ".tar", ".zip"] as const;

/** The archive extension of a file name, or undefined (case-insensitive). */
export function archiveExtension(path: string): string | undefined {
  const lower = path.toLowerCase();
  return ARCHIVE_EXTENSIONS.find((ext) => lower.endsWith(ext));
}

/**
 * Name each PATH (as given on the command line); `isScenarioDir` says whether a PATH is itself a
 * scenario directory (then its parent folder names the run). Returns one name per PATH, in order;
 * PATHs that resolve to the same place get the same name.
 */
export function runDisplayNames(
  paths: readonly string[],
  isScenarioDir: (path: string) => boolean,
): string[] {
  const parts = paths.map((p) => {
    const abs = resolve(p);
    let named = isScenarioDir(p) ? dirname(abs) : abs;
    const ext = archiveExtension(named);
    if (ext) named = named.slice(0, -ext.length);
    // components of the resolved path: "." and "../x" read as the folders they are
    return { abs, components: named.split(sep).filter((c) => c !== "") };
  });
  const depth = parts.map(() => 1);
  const nameOf = (i: number) => {
    const c = parts[i]!.components;
    return c.slice(Math.max(0, c.length - depth[i]!)).join("/") || basename(parts[i]!.abs) || "/";
  };
  // Lengthen colliding names (of different places) to the fewest components that tell them apart;
  // when no length does (`run.zip` and `run.tgz` side by side), they keep the short name.
  for (let round = 0; round < 8; round++) {
    const byName = new Map<string, number[]>();
    parts.forEach((_, i) => byName.set(nameOf(i), [...(byName.get(nameOf(i)) ?? []), i]));
    let grew = false;
    for (const list of byName.values()) {
      const places = new Set(list.map((i) => parts[i]!.abs)).size;
      if (places < 2) continue;
      const longest = Math.max(...list.map((i) => parts[i]!.components.length));
      const start = depth[list[0]!]!;
      for (let d = start + 1; d <= longest; d++) {
        for (const i of list) depth[i] = d;
        if (new Set(list.map(nameOf)).size === places) {
          grew = true;
          break;
        }
        if (d === longest) for (const i of list) depth[i] = start;
      }
    }
    if (!grew) break;
  }
  // Still equal (e.g. `run.zip` and `run.tgz` side by side): number them in the order given.
  const names = parts.map((_, i) => nameOf(i));
  const firstAbs = new Map<string, string>();
  const counts = new Map<string, number>();
  const byAbs = new Map<string, string>();
  return names.map((name, i) => {
    const abs = parts[i]!.abs;
    const known = byAbs.get(abs);
    if (known !== undefined) return known;
    let unique = name;
    if (firstAbs.has(name)) {
      const n = (counts.get(name) ?? 1) + 1;
      counts.set(name, n);
      unique = `${name}#${n}`;
    } else firstAbs.set(name, abs);
    byAbs.set(abs, unique);
    return unique;
  });
}

/**
 * Each run root (a resolved folder of `dirs`) → the display name of its PATH as given; a scenario
 * directory given as PATH is named after its folder.
 */
export function namesByRoot(
  paths: readonly string[],
  dirs: readonly string[],
  found: readonly FoundScenario[],
): (root: string) => string {
  const givenAsScenario = new Set(found.filter((f) => f.dir === f.root).map((f) => f.root));
  const names = runDisplayNames(paths, (p) => givenAsScenario.has(resolve(dirs[paths.indexOf(p)]!)));
  const byRoot = new Map(dirs.map((d, i) => [resolve(d), names[i]!]));
  return (root) => byRoot.get(root) ?? basename(root);
}

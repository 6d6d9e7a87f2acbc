/**
 * The content fingerprint of a results tree: what makes re-ingest idempotent (an unchanged tree is
 * skipped, a changed one is a new run).
 *
 * sha256 over, for every regular file under the tree's scenario directories in path order: its path
 * relative to the tree root, its size and the sha256 of its content — plus the reading options that
 * change the numbers (--tz). Files are streamed (never held in memory) and hashed a few at a time.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readdir, realpath, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";

export interface Fingerprint {
  /** `sha256:<hex>` */
  value: string;
  files: number;
  bytes: number;
  /** Per file path: its size and modification time when the tree was listed (see changedFile). */
  stamps: ReadonlyMap<string, string>;
}

interface Listed {
  rel: string;
  path: string;
  size: number;
  stamp: string;
}

/** Bumped if the recipe changes, so that old and new fingerprints never compare equal by accident. */
const RECIPE = "ftparse-fingerprint-1";
const PARALLEL_READS = 8;

export async function fingerprintTree(
  root: string,
  scenarioDirs: readonly string[],
  options: { tz: string },
): Promise<Fingerprint> {
  const files = await listTree(root, scenarioDirs);
  files.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));

  const digests = new Array<string>(files.length);
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const i = next++;
      digests[i] = await hashFile(files[i]!.path);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_READS, files.length) }, worker));

  const tree = createHash("sha256");
  tree.update(`${RECIPE}\0tz=${options.tz}\0`);
  let bytes = 0;
  files.forEach((f, i) => {
    tree.update(`${f.rel}\0${f.size}\0${digests[i]}\0`);
    bytes += f.size;
  });
  return {
    value: `sha256:${tree.digest("hex")}`,
    files: files.length,
    bytes,
    stamps: new Map(files.map((f) => [f.path, f.stamp])),
  };
}

async function listTree(root: string, scenarioDirs: readonly string[]): Promise<Listed[]> {
  const files: Listed[] = [];
  const seen = new Set<string>();
  for (const dir of [...scenarioDirs].sort()) await listFiles(root, dir, seen, files);
  return files;
}

/**
 * A file of the tree that was added, removed, resized or modified since the fingerprint listed it
 * (undefined: none). Asked after the tree was read: rows read from a tree being written (a suite still
 * running, a copy in progress) must not be stored under the fingerprint of what was listed.
 */
export async function changedFile(
  root: string,
  scenarioDirs: readonly string[],
  stamps: ReadonlyMap<string, string>,
): Promise<string | undefined> {
  const now = await listTree(root, scenarioDirs);
  for (const f of now) if (stamps.get(f.path) !== f.stamp) return f.path;
  if (now.length !== stamps.size) {
    const present = new Set(now.map((f) => f.path));
    return [...stamps.keys()].find((p) => !present.has(p));
  }
  return undefined;
}

async function listFiles(root: string, dir: string, seen: Set<string>, out: Listed[]): Promise<void> {
  const real = await realpath(dir).catch(() => undefined);
  if (real === undefined || seen.has(real)) return; // unreadable or a symlink loop: discovery warned
  seen.add(real);
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    const path = join(dir, e.name);
    const info = e.isSymbolicLink() ? await stat(path).catch(() => undefined) : undefined;
    if (e.isDirectory() || info?.isDirectory()) {
      await listFiles(root, path, seen, out);
    } else if (e.isFile() || info?.isFile()) {
      // a file removed since readdir: listed as such, so that changedFile sees it go
      const st = info ?? (await stat(path).catch(() => undefined));
      const size = st?.size ?? -1;
      out.push({
        rel: relative(root, path).split(sep).join("/"),
        path,
        size,
        stamp: `${size}:${st?.mtimeMs ?? -1}`,
      });
    }
  }
}

/** The sha256 of a file's content; a file that cannot be read hashes as its error code (ingest warns). */
function hashFile(path: string): Promise<string> {
  return new Promise((resolve) => {
    const h = createHash("sha256");
    createReadStream(path)
      .on("data", (chunk) => h.update(chunk))
      .on("error", (e: NodeJS.ErrnoException) => resolve(`unreadable:${e.code ?? "error"}`))
      .on("end", () => resolve(h.digest("hex")));
  });
}

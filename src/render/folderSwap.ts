/**
 * A whole output folder replaced at once (`--out DIR` of a report, `export --out DIR`), so that a
 * reader, or a process killed half-way, sees the old folder or the new one, never a mix:
 *
 *   .DIR.new-PID (filled) ──► DIR renamed to .DIR.old-PID ──► .DIR.new-PID renamed to DIR ──► old removed
 *
 * The temporaries are siblings of DIR (same file system: renames, not copies) named with the process
 * id, so the next run removes those of dead processes; if one died between the two renames, DIR is
 * missing and its .DIR.old-PID is put back first (docs/crash-safety.md).
 */
import { mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { usageError } from "../errors.js";

const TEMP = /^\.(.+)\.(new|old)-(\d+)$/;

/**
 * Fill a fresh folder with `fill(dir)` and swap it in as `out`. `isOurs` says whether an existing
 * `out` holds what ftparse wrote there before (an empty folder always qualifies): another folder is
 * never replaced, since that would delete the user's files.
 */
export async function replaceFolder(
  out: string,
  isOurs: (names: readonly string[]) => boolean,
  fill: (dir: string) => Promise<void>,
): Promise<void> {
  const target = resolve(out);
  const parent = dirname(target);
  const name = basename(target);
  await mkdir(parent, { recursive: true });
  await clearStale(parent, name);
  const existing = await stat(target).catch(() => undefined);
  if (existing && !existing.isDirectory())
    throw usageError(`--out ${out} is a file, not a folder`, "give a folder name (it is created if missing)");
  if (existing && !isOurs(await readdir(target)))
    throw usageError(
      `--out ${out} holds files ftparse did not write; it is replaced as a whole, so it must be a new or empty folder or an earlier output`,
      "give a new folder name",
    );
  const fresh = join(parent, `.${name}.new-${process.pid}`);
  const aside = join(parent, `.${name}.old-${process.pid}`);
  await rm(fresh, { recursive: true, force: true });
  await mkdir(fresh);
  try {
    await fill(fresh);
    if (existing) await rename(target, aside);
    await rename(fresh, target);
  } catch (e) {
    await rm(fresh, { recursive: true, force: true });
    throw e;
  }
  await rm(aside, { recursive: true, force: true });
}

/** Remove the temporaries of `name` left by processes that no longer run; put back a lost original. */
async function clearStale(parent: string, name: string): Promise<void> {
  const entries = await readdir(parent).catch(() => [] as string[]);
  for (const entry of entries) {
    const m = TEMP.exec(entry);
    if (!m || m[1] !== name || isRunning(Number(m[3]))) continue;
    const path = join(parent, entry);
    if (m[2] === "old" && !entries.includes(name)) await rename(path, join(parent, name));
    else await rm(path, { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it runs, as another user.
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

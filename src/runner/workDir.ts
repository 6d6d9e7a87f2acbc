/**
 * The runner's temporary folder (discovery leases, container logs until they are collected). It is
 * removed when the run ends, but a runner killed with SIGKILL cannot remove it: its name carries the
 * runner's pid, and the next run removes the folders of runners that are no longer alive.
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const PREFIX = "ftparse-run-";

export function createWorkDir(parent = tmpdir()): string {
  removeStaleWorkDirs(parent);
  return mkdtempSync(join(parent, `${PREFIX}${process.pid}-`));
}

/** Remove `ftparse-run-<pid>-*` folders whose runner is gone; returns what was removed. */
export function removeStaleWorkDirs(parent = tmpdir()): string[] {
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const m = new RegExp(`^${PREFIX}(\\d+)-`).exec(name);
    if (!m || isAlive(Number(m[1]))) continue;
    try {
      rmSync(join(parent, name), { recursive: true, force: true });
      removed.push(join(parent, name));
    } catch {
      // another user's folder, or one being removed by someone else: not ours to insist on
    }
  }
  return removed;
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Staging folders left in DIR/.tmp by writers that died (killed, crashed, machine lost) before their
 * rename: nothing reads them, but they hold a run's worth of files each. Removed by age, never by
 * owner: a stage's name says which host and process made it, but a shared lake is written from many
 * machines (whose host names may repeat) and a process id may be reused, so "that process is gone"
 * cannot be told safely from here. Age can: a live writer touches its stage while it fills it and
 * renames it away seconds later, so a stage nothing has touched for STALE_STAGE_HOURS is a dead
 * writer's (docs/lake.md#staging-folders-of-killed-writers).
 */
import { lstat, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { STAGING } from "./layout.js";

/** A stage untouched this long is a dead writer's. */
export const STALE_STAGE_HOURS = 24;

/**
 * Remove the stages under DIR/.tmp whose newest entry (the folder itself, or anything in it) is older
 * than `maxAgeHours`; returns how many. Races are harmless: two sweepers removing one stage both
 * succeed (rm with force), and a stage a live writer still fills is never that old.
 */
export async function sweepStaleStages(dir: string, maxAgeHours: number, now = Date.now()): Promise<number> {
  const staging = join(dir, STAGING);
  const cutoff = now - maxAgeHours * 3_600_000;
  let removed = 0;
  for (const name of await readdir(staging).catch(() => [] as string[])) {
    const stage = join(staging, name);
    const newest = await newestMtime(stage);
    // undefined: gone meanwhile (its writer committed, or another sweeper removed it)
    if (newest === undefined || newest > cutoff) continue;
    await rm(stage, { recursive: true, force: true });
    removed++;
  }
  return removed;
}

/** The latest modification time of a path and everything under it, or undefined if it is gone. */
async function newestMtime(path: string): Promise<number | undefined> {
  let newest: number;
  try {
    const s = await lstat(path);
    newest = s.mtimeMs;
    if (!s.isDirectory()) return newest;
  } catch {
    return undefined;
  }
  const entries = await readdir(path).catch(() => [] as string[]);
  for (const e of entries) newest = Math.max(newest, (await newestMtime(join(path, e))) ?? 0);
  return newest;
}

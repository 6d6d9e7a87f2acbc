/** The one way the history commands open the database file. */
import { openDatabase, type Db } from "../db.js";
import type { Effects } from "../effects.js";

/** Open the history database, telling stderr when it has to wait for another process. */
export function openHistory(
  path: string,
  options: { readOnly: boolean; waitSeconds: number },
  effects: Effects,
): Promise<Db> {
  return openDatabase({
    path,
    readOnly: options.readOnly,
    waitSeconds: options.waitSeconds,
    onWait: (text) => effects.stderr.write(`note: ${text}\n`),
  });
}

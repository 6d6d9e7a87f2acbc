/** Running the built CLI under a pseudo-terminal (util-linux `script`), as a person at a terminal would. */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "./helpers.js";

const run = promisify(execFile);
const bin = join(repoRoot, "dist", "src", "bin.js");
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export interface TtyResult {
  /** What the terminal showed (stdout only, unless `stderr: "tty"`), lines without "\r". */
  text: string;
  code: number;
}

/**
 * `ftparse ARGS` with stdout (and stderr, unless sent to /dev/null) on a terminal COLUMNS wide.
 * ENV is added to the environment (e.g. NO_COLOR).
 */
export async function runInTerminal(
  args: readonly string[],
  opts: { columns: number; env?: Record<string, string>; stderr?: "tty" | "null" },
): Promise<TtyResult> {
  const redirect = opts.stderr === "tty" ? "" : " 2>/dev/null";
  const cmd = `stty cols ${opts.columns} rows 50 && exec ${quote(process.execPath)} ${quote(bin)} ${args.map(quote).join(" ")}${redirect}`;
  const env: Record<string, string | undefined> = { ...process.env, ...opts.env };
  if (opts.env?.NO_COLOR === undefined) delete env.NO_COLOR;
  if (opts.env?.FORCE_COLOR === undefined) delete env.FORCE_COLOR;
  if (opts.env?.CI === undefined) delete env.CI;
  try {
    const r = await run("script", ["-qec", cmd, "/dev/null"], { env, maxBuffer: 1 << 26 });
    return { text: r.stdout.replace(/\r/g, ""), code: 0 };
  } catch (e) {
    const err = e as { stdout?: string; code?: number };
    if (err.stdout === undefined) throw e;
    return { text: err.stdout.replace(/\r/g, ""), code: err.code ?? -1 };
  }
}

// eslint-disable-next-line no-control-regex
const ESCAPES = /\u001b\[[0-9;?]*[A-Za-z]/g;

/** Text without colour and cursor codes. */
export const plain = (s: string) => s.replace(ESCAPES, "");

/** The widest line as seen on screen (one column per character). */
export function widestLine(s: string): { width: number; line: string } {
  let best = { width: 0, line: "" };
  for (const line of plain(s).split("\n")) {
    const width = [...line].length;
    if (width > best.width) best = { width, line };
  }
  return best;
}

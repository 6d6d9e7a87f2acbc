/** What each command's wiring (cli/<command>.ts) gets from the switchboard in cli.ts. */
import type { Command } from "commander";
import type { Effects } from "../effects.js";

export interface Wiring {
  program: Command;
  effects: Effects;
  /** The command's exit code (its action returns before main does). */
  exit(code: number): void;
  /** --debug as the command parsed it: stack traces of internal errors. */
  debug(on: boolean | undefined): void;
}

/** A usage example block for `addHelpText("after", …)`. */
export function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  ${l}\n`).join("")}`;
}

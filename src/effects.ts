/**
 * Effects a command may have on the world, passed in so that tests can record them.
 * Production defaults write to the real process streams.
 */
import type { Warnings } from "./messages.js";
import { colorWanted } from "./render/marks.js";

export interface Writer {
  write(text: string): void;
}

export interface Effects {
  stdout: Writer;
  stderr: Writer;
  /** Whether stdout is a terminal (tables by default) or a pipe (JSON by default). */
  stdoutIsTTY: boolean;
  /** Whether stderr is a terminal: progress is shown only then. */
  stderrIsTTY: boolean;
  /** The terminal's width when stdout is one: tables are fitted to it (render/fit.ts). */
  stdoutColumns?: number;
  /** The terminal's width when stderr is one (the progress bar). */
  stderrColumns?: number;
  /** Colour on stdout (render/marks.ts: FORCE_COLOR, NO_COLOR, else a terminal). */
  color: boolean;
  /** Colour on stderr (warnings), by the same rules. */
  stderrColor: boolean;
  now: () => Date;
  /** Where warnings about input go; commands print them at the end. */
  warnings: Warnings;
}

export function defaultEffects(warnings: Warnings): Effects {
  return {
    stdout: { write: (t) => void process.stdout.write(t) },
    stderr: { write: (t) => void process.stderr.write(t) },
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    stdoutColumns: process.stdout.isTTY ? process.stdout.columns || undefined : undefined,
    stderrColumns: process.stderr.isTTY ? process.stderr.columns || undefined : undefined,
    color: colorWanted(Boolean(process.stdout.isTTY)),
    stderrColor: colorWanted(Boolean(process.stderr.isTTY)),
    now: () => new Date(),
    warnings,
  };
}

/** Effects that record everything, for tests. */
export function recordingEffects(warnings: Warnings, now = new Date("2026-01-01T00:00:00Z")) {
  const out: string[] = [];
  const err: string[] = [];
  const effects: Effects = {
    stdout: { write: (t) => void out.push(t) },
    stderr: { write: (t) => void err.push(t) },
    stdoutIsTTY: false,
    stderrIsTTY: false,
    color: false,
    stderrColor: false,
    now: () => now,
    warnings,
  };
  return { effects, stdout: () => out.join(""), stderr: () => err.join("") };
}

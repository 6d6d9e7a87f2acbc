/**
 * Warnings to stderr: every issue is listed with file and line, up to a cap per file so that one
 * broken 50 MB log cannot flood the terminal; the rest are counted (and all are in ingest_issues).
 */
import type { Effects } from "../effects.js";
import { formatWarning, msg, printable, type Warning } from "../messages.js";

export const WARNINGS_PER_FILE = 20;

export function flushWarnings(effects: Effects): void {
  effects.warnings.shown += effects.warnings.items.length;
  if (effects.warnings.quiet) {
    const n = effects.warnings.items.length;
    if (n > 0)
      effects.stderr.write(
        paint(
          `warning: ${n} input issue${n === 1 ? "" : "s"} (run without --quiet to list them)`,
          effects.stderrColor,
        ) + "\n",
      );
    effects.warnings.items.length = 0;
    return;
  }
  const shownPerFile = new Map<string, number>();
  const hiddenPerFile = new Map<string, number>();
  for (const w of effects.warnings.items) {
    const key = w.file ?? "";
    const shown = shownPerFile.get(key) ?? 0;
    if (shown < WARNINGS_PER_FILE) {
      shownPerFile.set(key, shown + 1);
      effects.stderr.write(paint(formatWarning(w), effects.stderrColor) + "\n");
    } else {
      hiddenPerFile.set(key, (hiddenPerFile.get(key) ?? 0) + 1);
    }
  }
  for (const [file, n] of hiddenPerFile)
    effects.stderr.write(paint(`warning: ${printable(msg.moreIssues(file, n))}`, effects.stderrColor) + "\n");
  effects.warnings.items.length = 0;
}

function paint(text: string, color: boolean): string {
  return color ? `\u001b[33m${text}\u001b[39m` : text;
}

export type { Warning };

/**
 * A progress bar on stderr while result trees are read: scenarios done of all, bytes of client logs
 * read, elapsed time and an estimate of what is left. Only on a terminal, never in CI logs (CI set) or
 * a pipe, and cleared when done, so that what follows starts on a clean line (docs/terminal.md).
 *
 * Our own ~60 lines rather than a package (cli-progress, progress): the bar must go through Effects
 * (tests record it), know ftparse's notion of a scenario done, and clear itself before anything else
 * is written; a package would add its own TTY detection and redraw timer on top of that.
 */
import type { Effects } from "./effects.js";

/** What the ingest reports as it goes (ingest/types.ts: IngestContext.progress). */
export interface IngestProgress {
  /** These scenarios are read (reported again: counted once); BYTES more of their logs were read. */
  done(scenarioIds: readonly number[], bytes?: number): void;
}

const REDRAW_MS = 200;
const BAR = 20;

export class ProgressBar implements IngestProgress {
  private readonly seen = new Set<number>();
  private bytes = 0;
  private readonly started = Date.now();
  private timer: NodeJS.Timeout | undefined;
  private shown = false;

  private constructor(
    private readonly effects: Effects,
    private readonly total: number,
    private readonly columns: number,
  ) {
    this.timer = setInterval(() => this.draw(), REDRAW_MS);
    this.timer.unref();
    this.draw();
  }

  /** A bar for TOTAL scenarios, or none when stderr is not a terminal or this is a CI job. */
  static start(effects: Effects, total: number, env = process.env): ProgressBar | undefined {
    if (!effects.stderrIsTTY || (env.CI !== undefined && env.CI !== "" && env.CI !== "false"))
      return undefined;
    return new ProgressBar(effects, total, effects.stderrColumns ?? 80);
  }

  done(scenarioIds: readonly number[], bytes = 0): void {
    for (const id of scenarioIds) this.seen.add(id);
    this.bytes += bytes;
  }

  /** Remove the bar: the line is left empty for what comes next. */
  clear(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    if (this.shown) this.effects.stderr.write("\r\u001b[2K");
    this.shown = false;
  }

  private draw(): void {
    const done = Math.min(this.seen.size, this.total);
    const elapsed = (Date.now() - this.started) / 1000;
    const filled = this.total === 0 ? BAR : Math.round((done / this.total) * BAR);
    const eta =
      done > 0 && done < this.total ? ` · ETA ${clock((elapsed / done) * (this.total - done))}` : "";
    const line =
      `reading ${"█".repeat(filled)}${"░".repeat(BAR - filled)} ${done}/${this.total} scenarios` +
      ` · ${megabytes(this.bytes)} · ${clock(elapsed)}${eta}`;
    this.effects.stderr.write(`\r\u001b[2K${[...line].slice(0, this.columns - 1).join("")}`);
    this.shown = true;
  }
}

/** 83 → "1:23". */
export function clock(seconds: number): string {
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A one-line progress note, only when stderr is a terminal; "" clears it. */
export function progress(effects: Effects, text: string): void {
  if (!effects.stderrIsTTY) return;
  effects.stderr.write(`\r\u001b[2K${text}`);
}

/**
 * Log lines of the built-in servers, in the two shapes real Dynamo pods print (docs/layouts/legacy.md#ready-lines):
 * Dynamo's JSON Lines (`time` UTC with microseconds and `Z`, `level`, `file`, `line`, `target`,
 * `message`, then structured fields) and vLLM's plain-text lines, which parsers must skip.
 */
import { basename } from "node:path";

export type Level = "INFO" | "WARN" | "ERROR";

/** `2025-09-24T18:13:29.512240Z`: Dynamo's `%Y-%m-%dT%H:%M:%S%.6fZ`, from a sub-millisecond clock. */
export function podTimestamp(epochMs: number = performance.timeOrigin + performance.now()): string {
  const whole = Math.floor(epochMs / 1000);
  const micros = Math.floor(epochMs * 1000) - whole * 1_000_000;
  return new Date(whole * 1000).toISOString().slice(0, 19) + "." + String(micros).padStart(6, "0") + "Z";
}

export class DynamoLogger {
  constructor(
    private readonly file: string,
    private readonly target: string,
    private readonly out: NodeJS.WritableStream = process.stdout,
  ) {}

  info(message: string, fields: Record<string, unknown> = {}): void {
    this.write("INFO", message, fields);
  }
  warn(message: string, fields: Record<string, unknown> = {}): void {
    this.write("WARN", message, fields);
  }
  error(message: string, fields: Record<string, unknown> = {}): void {
    this.write("ERROR", message, fields);
  }

  write(level: Level, message: string, fields: Record<string, unknown>): void {
    const line = {
      time: podTimestamp(),
      level,
      file: this.file,
      line: callerLine(),
      target: this.target,
      message,
      ...fields,
    };
    this.out.write(JSON.stringify(line) + "\n");
  }
}

/** The source line of the code that logged (like Dynamo's `line` field), from a stack trace. */
function callerLine(): number {
  const stack = new Error().stack?.split("\n") ?? [];
  // [0] "Error", [1] callerLine, [2] write, [3] info/warn/error, [4] the caller
  const m = /:(\d+):\d+\)?$/.exec(stack[4] ?? "");
  return m ? Number(m[1]) : 0;
}

/** A logger named after the script that uses it (`file` = that script's name). */
export function loggerFor(moduleUrl: string, target: string): DynamoLogger {
  return new DynamoLogger(`ftparse/runner/servers/${basename(new URL(moduleUrl).pathname)}`, target);
}

/** vLLM's plain-text format: `INFO 09-24 19:40:39 [core.py:76] message` (no year, no zone). */
export function vllmLine(level: "INFO" | "WARNING" | "ERROR", where: string, message: string): string {
  const iso = new Date().toISOString();
  const stamp = `${iso.slice(5, 7)}-${iso.slice(8, 10)} ${iso.slice(11, 19)}`;
  return `${level} ${stamp} [${where}] ${message}\n`;
}

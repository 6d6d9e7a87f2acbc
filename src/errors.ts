/**
 * The one user-facing error type and the one exit-code table.
 * Anything else thrown out of a command is an internal error (exit 3).
 */

export const ExitCode = {
  /** Everything went fine. */
  Ok: 0,
  /** A threshold rule was breached (`ftparse check`). */
  CheckFailed: 1,
  /** Usage error, no usable input, or issues under `--strict`. */
  Usage: 2,
  /** A bug in ftparse: please report it. */
  Internal: 3,
  /** Stopped by Ctrl-C / SIGTERM (`ftparse run`), the shell's 128 + SIGINT. */
  Interrupted: 130,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export interface ErrorDetails {
  exitCode?: ExitCode;
  hint?: string;
  file?: string;
  line?: number;
  cause?: unknown;
}

export class FtparseError extends Error {
  readonly exitCode: ExitCode;
  readonly hint?: string;
  readonly file?: string;
  readonly line?: number;

  constructor(message: string, details: ErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = "FtparseError";
    this.exitCode = details.exitCode ?? ExitCode.Usage;
    this.hint = details.hint;
    this.file = details.file;
    this.line = details.line;
  }
}

/** Usage errors: bad flags, bad values. Exit 2. */
export function usageError(message: string, hint?: string): FtparseError {
  return new FtparseError(message, { exitCode: ExitCode.Usage, hint });
}

/**
 * Validation of command-line values at the boundary: each normalizer takes the raw string and returns
 * a strict type, or throws a usage error naming the flag and the bad value.
 */
import { usageError } from "./errors.js";
import { msg } from "./messages.js";
import { FORMATS, type Format } from "./outputFormats.js";
import { EXTENDED_DEFAULTS, type ExtendedParams } from "./metrics/views.js";

export function normalizeFormat(value: string | undefined, stdoutIsTTY: boolean): Format {
  if (value === undefined) return stdoutIsTTY ? "table" : "json";
  const v = value.toLowerCase();
  if ((FORMATS as readonly string[]).includes(v)) return v as Format;
  throw usageError(msg.unknownFormat(value, FORMATS));
}

export function normalizeNumber(
  flag: string,
  value: string | undefined,
  opts: { min?: number } = {},
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n)) throw usageError(msg.badNumber(flag, value));
  if (opts.min !== undefined && n < opts.min) throw usageError(`${flag} must be ≥ ${opts.min}, got ${value}`);
  return n;
}

export function normalizeTimezone(value: string | undefined): string {
  const tz = value ?? "UTC";
  // The default needs no check: a time zone check loads ICU's zone data (start-up time, docs/performance.md#measurements-behind-the-code).
  if (tz === "UTC") return tz;
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
  } catch {
    throw usageError(msg.badTimezone(tz));
  }
  return tz;
}

/** --window (whole seconds ≥ 1), --recovered-ratio (0 < r ≤ 1), --bucket (seconds > 0). */
export function normalizeExtendedParams(flags: {
  window?: string;
  recoveredRatio?: string;
  bucket?: string;
}): ExtendedParams {
  const windowS = normalizeNumber("--window", flags.window, { min: 1 }) ?? EXTENDED_DEFAULTS.windowS;
  if (!Number.isInteger(windowS))
    throw usageError(`--window must be a whole number of seconds, got ${flags.window}`);
  const recoveredRatio =
    normalizeNumber("--recovered-ratio", flags.recoveredRatio, { min: 0 }) ??
    EXTENDED_DEFAULTS.recoveredRatio;
  if (recoveredRatio <= 0 || recoveredRatio > 1) {
    throw usageError(`--recovered-ratio must be a ratio in (0, 1], e.g. 0.9, got ${flags.recoveredRatio}`);
  }
  const bucketS = normalizeNumber("--bucket", flags.bucket, { min: 0 }) ?? EXTENDED_DEFAULTS.bucketS;
  if (bucketS <= 0) throw usageError(`--bucket must be a positive number of seconds, got ${flags.bucket}`);
  return { windowS, recoveredRatio, bucketS };
}

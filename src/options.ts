/**
 * Validation of command-line values at the boundary: each normalizer takes the raw string and returns
 * a strict type, or throws a usage error naming the flag and the bad value.
 */
import { usageError } from "./errors.js";
import { msg } from "./messages.js";
import { FORMATS, type Format } from "./render/summary.js";

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
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
  } catch {
    throw usageError(msg.badTimezone(tz));
  }
  return tz;
}

/**
 * `ftparse compare`: the unit each metric is judged in, and `--min-delta`, the absolute floor per
 * unit below which a change is never a regression (docs/compare.md). A relative threshold alone
 * turns noise on small figures into alarms: ttfs 0.05 s → 0.83 s is +1500 % but under a second.
 */
import { usageError } from "../errors.js";
import { metric } from "../metrics/catalog.js";

/** s: seconds; pp: a rate or share (0..1), judged in percentage points; count: requests or events. */
export type CompareUnit = "s" | "pp" | "count";
export type MinDelta = Record<CompareUnit, number>;

/** Changes within a second or within a percentage point are noise; any change of a count counts. */
export const DEFAULT_MIN_DELTA: Readonly<MinDelta> = { s: 1, pp: 1, count: 0 };

/** The unit of a metric: its kind in the metric catalog (every stored metric is there). */
export function compareUnit(key: string): CompareUnit {
  const kind = metric(key)?.kind;
  return kind === "seconds" ? "s" : kind === "ratio" ? "pp" : "count";
}

const UNIT_WORDS: Record<string, [CompareUnit, number]> = {
  s: ["s", 1],
  ms: ["s", 0.001],
  pp: ["pp", 1],
  count: ["count", 1],
  counts: ["count", 1],
};

/** `--min-delta 1s --min-delta 2pp --min-delta 5count` (repeatable) over the defaults. */
export function normalizeMinDelta(values: readonly string[] | undefined): MinDelta {
  const out: MinDelta = { ...DEFAULT_MIN_DELTA };
  for (const raw of values ?? []) {
    const m = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*([a-z%]*)\s*$/i.exec(raw);
    const unit = m ? UNIT_WORDS[m[2]!.toLowerCase()] : undefined;
    if (!m || !unit) {
      throw usageError(
        `--min-delta expects a number and its unit (s, ms, pp or count), got "${raw}"`,
        m?.[2] === "%"
          ? "a rate's floor is in percentage points (--min-delta 2pp); a relative change is --threshold"
          : "e.g. --min-delta 1s --min-delta 2pp",
      );
    }
    out[unit[0]] = Number(m[1]) * unit[1];
  }
  return out;
}

/** "1 s, 1 pp" — the floors, for the summary line. */
export function describeMinDelta(d: MinDelta): string {
  return `${Number(d.s.toFixed(6))} s, ${Number(d.pp.toFixed(6))} pp${d.count > 0 ? `, ${d.count} count` : ""}`;
}

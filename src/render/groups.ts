/**
 * Rows grouped by test group, groups in natural order, rows inside a group in the reference failure
 * order (unknown failures after the known ones, by name), ties by directory.
 */
import { naturalCompare } from "../number.js";
import type { Row } from "../db.js";
import { compareBy, type SortKey } from "../select.js";

export interface Group {
  name: string;
  rows: Row[];
}

/** `sort` (--sort) orders the rows inside each group; ties keep the reference order. */
export function groupRows(rows: readonly Row[], sort?: SortKey): Group[] {
  const byGroup = new Map<string, Row[]>();
  for (const r of rows) {
    const g = String(r.test_group);
    let list = byGroup.get(g);
    if (!list) byGroup.set(g, (list = []));
    list.push(r);
  }
  return [...byGroup.entries()]
    .sort(([a], [b]) => naturalCompare(a, b))
    .map(([name, list]) => ({
      name,
      rows: list.sort((a, b) => (sort ? compareBy(a, b, sort) : 0) || compareInGroup(a, b)),
    }));
}

function compareInGroup(a: Row, b: Row): number {
  const oa = Number(a.failure_order ?? 1000);
  const ob = Number(b.failure_order ?? 1000);
  if (oa !== ob) return oa - ob;
  const fa = String(a.failure);
  const fb = String(b.failure);
  if (fa !== fb) return naturalCompare(fa, fb);
  // the same failure in several runs: runs in the order they were read
  const ra = Number(a.run_id ?? 0);
  const rb = Number(b.run_id ?? 0);
  if (ra !== rb) return ra - rb;
  return naturalCompare(String(a.scenario_dir), String(b.scenario_dir));
}

/** Rows flattened back in display order (for JSON and CSV). */
export function orderedRows(rows: readonly Row[], sort?: SortKey): Row[] {
  return groupRows(rows, sort).flatMap((g) => g.rows);
}

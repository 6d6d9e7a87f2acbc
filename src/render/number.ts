/**
 * Two-decimal formatting exactly as Python's `format(x, ".2f")`: correctly rounded from the binary
 * double, with exact binary ties going to even (71.125 → "71.12", 3.375 → "3.38").
 * JavaScript's toFixed(2) rounds exact ties up (71.13), so ties are detected and fixed here.
 */
export function formatFixed2(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf";
  const plain = x.toFixed(2);
  // toFixed(100) is the exact decimal expansion for every double ≥ 2^-46 in magnitude, which covers
  // every value whose third decimal could be a tie.
  const exact = Math.abs(x).toFixed(100);
  const dot = exact.indexOf(".");
  const tail = exact.slice(dot + 3);
  const isTie = tail[0] === "5" && /^50*$/.test(tail);
  if (!isTie) return plain;
  const truncated = BigInt(exact.slice(0, dot) + exact.slice(dot + 1, dot + 3));
  const even = truncated % 2n === 0n ? truncated : truncated + 1n;
  const digits = even.toString().padStart(3, "0");
  const s = `${digits.slice(0, -2)}.${digits.slice(-2)}`;
  return (x < 0 ? "-" : "") + s;
}

/** Natural order for group names: `agg-tp-1-dp-2` before `agg-tp-1-dp-10`. */
export const naturalCompare = new Intl.Collator("en", { numeric: true, sensitivity: "variant" }).compare;

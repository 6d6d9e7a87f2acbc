/**
 * Fixed-point formatting exactly as Python's `format(x, ".Nf")`: correctly rounded from the binary
 * double, with exact binary ties going to even (71.125 → "71.12", 3.375 → "3.38").
 * JavaScript's toFixed rounds exact ties up (71.13), so ties are detected and fixed here.
 */
export function formatFixed(x: number, digits: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf";
  const plain = x.toFixed(digits);
  // toFixed(100) is the exact decimal expansion for every double ≥ 2^-46 in magnitude, which covers
  // every value whose next decimal could be a tie.
  const exact = Math.abs(x).toFixed(100);
  const dot = exact.indexOf(".");
  const tail = exact.slice(dot + 1 + digits);
  const isTie = tail[0] === "5" && /^50*$/.test(tail);
  if (!isTie) return plain;
  const truncated = BigInt(exact.slice(0, dot) + exact.slice(dot + 1, dot + 1 + digits));
  const even = truncated % 2n === 0n ? truncated : truncated + 1n;
  const text = even.toString().padStart(digits + 1, "0");
  const s = digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
  return (x < 0 ? "-" : "") + s;
}

/** Python's `format(x, ".2f")` (see formatFixed). */
export function formatFixed2(x: number): string {
  return formatFixed(x, 2);
}

let collator: Intl.Collator | undefined;

/**
 * Natural order for group names: `agg-tp-1-dp-2` before `agg-tp-1-dp-10`. The collator is made on
 * the first comparison: making it loads ICU's collation data (start-up time), which a report of
 * one scenario, `--help` or `--version` never needs.
 */
export function naturalCompare(a: string, b: string): number {
  collator ??= new Intl.Collator("en", { numeric: true, sensitivity: "variant" });
  return collator.compare(a, b);
}

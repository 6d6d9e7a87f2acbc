/**
 * RFC 4180 CSV: a header line of keys, then one line per row; values unrounded, empty for null. The one
 * CSV writer of ftparse: every CSV it writes (summary, check, query, runs, compare, trend, timeline)
 * goes through `renderCsv`, so every cell is neutralised here.
 */
export function renderCsv(keys: readonly string[], rows: readonly Record<string, unknown>[]): string {
  const lines = [keys.map(csvCell).join(",")];
  for (const r of rows) lines.push(keys.map((k) => csvCell(r[k])).join(","));
  return lines.join("\r\n") + "\r\n";
}

/** A number (or a text that is a plain decimal number) as written; a formula-looking text gets a `'`. */
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * One cell, quoted as RFC 4180 needs. Names in result trees come from directory names, labels and
 * user SQL: a text cell starting with `=`, `+`, `-`, `@`, tab or CR would run as a formula when the CSV
 * is opened in a spreadsheet (`=HYPERLINK(…)`, `+cmd|…`), so it is prefixed with `'`, which
 * spreadsheets read as "this is text" (OWASP's advice on CSV injection). Numbers stay numbers.
 */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return "";
  let s: string;
  if (typeof v === "number" || typeof v === "bigint" || typeof v === "boolean") s = String(v);
  else {
    s = typeof v === "object" ? JSON.stringify(v) : String(v);
    if (/^[=+\-@\t\r]/.test(s) && !PLAIN_NUMBER.test(s)) s = `'${s}`;
  }
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

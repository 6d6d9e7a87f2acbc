/** RFC 4180 CSV: a header line of keys, then one line per row; values unrounded, empty for null. */
export function renderCsv(keys: readonly string[], rows: readonly Record<string, unknown>[]): string {
  const lines = [keys.map(csvField).join(",")];
  for (const r of rows) lines.push(keys.map((k) => csvField(csvValue(r[k]))).join(","));
  return lines.join("\r\n") + "\r\n";
}

function csvValue(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * JSON text as Python's `json.dumps` writes it with its defaults (the reference client's lines):
 * `", "` and `": "` separators, non-ASCII escaped as `\uXXXX`, floats in shortest form with a `.0`
 * when whole. Integers stay integers: callers pass whole-number floats as `PyFloat`.
 */

export class PyFloat {
  constructor(readonly value: number) {}
}

export function pyJson(v: unknown): string {
  if (v === null || v === undefined) return "null";
  if (v instanceof PyFloat) {
    if (!Number.isFinite(v.value)) return v.value > 0 ? "Infinity" : v.value < 0 ? "-Infinity" : "NaN";
    const s = String(v.value);
    return /[.eE]/.test(s) ? s.replace(/e([+-])(\d)$/, "e$10$2") : `${s}.0`;
  }
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "NaN";
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "string") {
    return JSON.stringify(v).replace(
      /[\u007f-\uffff]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
    );
  }
  if (Array.isArray(v)) return `[${v.map(pyJson).join(", ")}]`;
  if (typeof v === "object") {
    const parts = Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .map(([k, x]) => `${pyJson(k)}: ${pyJson(x)}`);
    return `{${parts.join(", ")}}`;
  }
  return "null";
}

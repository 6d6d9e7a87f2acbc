/**
 * Fitting a table to the terminal's width (any set of columns): first headers are wrapped at their
 * words, then text columns are narrowed (a name loses its middle to "…", a sentence is wrapped), and
 * what is still too wide is split into several tables of consecutive columns, each repeating the first
 * column so that every row stays labelled (before/after pairs end up stacked). Numbers are never cut.
 */

export interface FitInput {
  headers: string[];
  rows: string[][];
  align: ("right" | "center" | "left")[];
}

/** Narrowest a text column is made: enough to tell names apart by their two ends. */
const MIN_TEXT = 12;

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/** Width on screen: without colour codes, one column per character. */
export function visibleWidth(s: string): number {
  let w = 0;
  for (const line of s.split("\n")) w = Math.max(w, [...line.replace(ANSI, "")].length);
  return w;
}

/** The width of a boxed table whose columns hold WIDTHS characters: "│ x │ y │". */
export function tableWidth(widths: readonly number[]): number {
  return widths.reduce((sum, w) => sum + w + 3, 1);
}

/** "very-long-failure-name" → "very-lo…e-name": the start and the end, where names differ. */
export function middleEllipsis(s: string, width: number): string {
  const chars = [...s.replace(ANSI, "")];
  if (chars.length <= width) return s;
  if (width <= 1) return "…".slice(0, width);
  const head = Math.ceil((width - 1) / 2);
  return chars.slice(0, head).join("") + "…" + chars.slice(chars.length - (width - 1 - head)).join("");
}

/** Words onto lines of at most WIDTH characters (a word longer than that is cut in its middle). */
export function wrapWords(s: string, width: number): string {
  const out: string[] = [];
  for (const para of s.replace(ANSI, "").split("\n")) {
    let line = "";
    for (const word of para.split(/\s+/).filter(Boolean)) {
      const w = middleEllipsis(word, width);
      if (line === "") line = w;
      else if ([...line].length + 1 + [...w].length <= width) line += ` ${w}`;
      else {
        out.push(line);
        line = w;
      }
    }
    out.push(line);
  }
  return out.join("\n");
}

function longestWord(s: string): number {
  return Math.max(0, ...s.split(/\s+/).map((w) => [...w].length));
}

/** The table as it is if it fits in WIDTH columns, else one or more narrower tables that do. */
export function fitTable(t: FitInput, width: number): FitInput[] {
  const n = t.headers.length;
  const cellWidth = (i: number) => Math.max(0, ...t.rows.map((r) => visibleWidth(r[i] ?? "")));
  const natural = t.headers.map((h, i) => Math.max(visibleWidth(h), cellWidth(i)));
  if (tableWidth(natural) <= width) return [t];

  // 1. headers wrapped at their words
  const widths = t.headers.map((h, i) => Math.max(longestWord(h), cellWidth(i)));
  // 2. text columns narrowed, the widest first
  const isText = (i: number) => t.align[i] !== "right";
  for (;;) {
    if (tableWidth(widths) <= width) break;
    let widest = -1;
    for (let i = 0; i < n; i++)
      if (isText(i) && widths[i]! > MIN_TEXT && (widest < 0 || widths[i]! > widths[widest]!)) widest = i;
    if (widest < 0) break;
    widths[widest] = Math.max(MIN_TEXT, widths[widest]! - (tableWidth(widths) - width));
  }
  const fitted: FitInput = {
    headers: t.headers.map((h, i) => wrapWords(h, widths[i]!)),
    rows: t.rows.map((r) => r.map((s, i) => fitCell(s, widths[i]!))),
    align: t.align,
  };
  if (tableWidth(widths) <= width || n <= 2) return [fitted];
  // Split after all: the text columns need not be as narrow then (a third of the width at most).
  for (let i = 0; i < n; i++)
    if (isText(i)) widths[i] = Math.min(natural[i]!, Math.max(widths[i]!, Math.floor(width / 3)));
  return splitColumns(
    {
      headers: t.headers.map((h, i) => wrapWords(h, widths[i]!)),
      rows: t.rows.map((r) => r.map((s, i) => fitCell(s, widths[i]!))),
      align: t.align,
    },
    widths,
    width,
    // the leading text columns (Run, Failure) name each row: every part repeats them (two at most)
    Math.max(
      1,
      Math.min(2, t.align.findIndex((a) => a === "right") < 0 ? 1 : t.align.findIndex((a) => a === "right")),
    ),
  );
}

function fitCell(s: string, w: number): string {
  if (visibleWidth(s) <= w) return s;
  return /\s/.test(s.trim()) ? wrapWords(s, w) : middleEllipsis(s, w);
}

/** Tables of consecutive columns, each led by the first LEAD columns, each at most WIDTH wide. */
function splitColumns(fitted: FitInput, widths: number[], width: number, lead: number): FitInput[] {
  const n = widths.length;
  if (tableWidth(widths.slice(0, lead + 1)) > width) lead = 1;
  const leading = [...Array(lead).keys()];
  const parts: number[][] = [];
  let part: number[] = [];
  for (let i = lead; i < n; i++) {
    if (part.length > 0 && tableWidth([...leading, ...part, i].map((j) => widths[j]!)) > width) {
      parts.push(part);
      part = [];
    }
    part.push(i);
  }
  parts.push(part);
  return parts.map((cols) => {
    const pick = <T>(xs: T[]) => [...leading, ...cols].map((j) => xs[j]!);
    return { headers: pick(fitted.headers), rows: fitted.rows.map(pick), align: pick(fitted.align) };
  });
}

/** One line of text (a title) no wider than WIDTH. */
export function fitLine(s: string, width: number | undefined): string {
  return width === undefined ? s : middleEllipsis(s, width);
}

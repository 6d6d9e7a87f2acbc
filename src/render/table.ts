/** The one wrapper around cli-table3: a boxed table with centred text and right-aligned numbers. */
import { createRequire } from "node:module";
import type TableType from "cli-table3";
import { fitTable } from "./fit.js";

/**
 * Loaded on the first table (start-up time that `--format json`, csv and markdown never need);
 * `require`, as the module is CommonJS and renderTable is synchronous.
 */
let Table: typeof TableType | undefined;

export interface TableSpec {
  headers: string[];
  rows: string[][];
  /** Per column: right-align (numbers) or centre (text), as the reference's tabulate call does. */
  align: ("right" | "center" | "left")[];
  color: boolean;
  /** The terminal's width: the table is fitted to it (render/fit.ts); none when piped. */
  width?: number;
}

export function renderTable(spec: TableSpec): string {
  if (spec.width === undefined) return renderOne(spec);
  return fitTable(spec, spec.width)
    .map((part) => renderOne({ ...spec, ...part }))
    .join("\n");
}

function renderOne(spec: TableSpec): string {
  Table ??= createRequire(import.meta.url)("cli-table3") as typeof TableType;
  const table = new Table({
    // The reference prints tabulate's "fancy_grid"; these are its box characters.
    chars: {
      top: "═",
      "top-mid": "╤",
      "top-left": "╒",
      "top-right": "╕",
      bottom: "═",
      "bottom-mid": "╧",
      "bottom-left": "╘",
      "bottom-right": "╛",
      left: "│",
      "left-mid": "├",
      mid: "─",
      "mid-mid": "┼",
      right: "│",
      "right-mid": "┤",
      middle: "│",
    },
    head: spec.headers,
    colAligns: spec.align,
    style: spec.color ? { head: ["bold"], border: [] } : { head: [], border: [] },
  });
  for (const r of spec.rows) table.push(r);
  return table.toString();
}

/**
 * `--aggregate`: the rows of view `summary_aggregate` (queries/summary_aggregate.sql, one per test
 * group × failure across runs) in each output format. JSON and CSV carry `test_group`, `failure`,
 * `runs`, `scenarios`, then K_mean, K_min, K_max, K_sd for each metric K in the view's order; tables
 * and Markdown show each metric as `mean ± sd` over `min–max`.
 */
import type { Row } from "../db.js";
import type { SortKey } from "../select.js";
import { clientColumns, percentileColumns, type Column } from "./columns.js";
import { formatCell } from "./format.js";
import { groupRows } from "./groups.js";
import { groupHeading, mdEscape, print, type Format } from "./print.js";
import { visibleColumns } from "./summary.js";
import { renderTable } from "./table.js";

export const AGGREGATE_STATS = ["mean", "min", "max", "sd"] as const;

export interface AggregateRenderOptions {
  sla: boolean;
  color: boolean;
  extended?: boolean;
  sort?: SortKey;
}

/** The metrics K the view aggregated, in its order (read off its `K_mean` columns). */
export function aggregatedMetrics(rows: readonly Row[]): string[] {
  const first = rows[0];
  if (!first) return [];
  return Object.keys(first)
    .filter((k) => k.endsWith("_mean"))
    .map((k) => k.slice(0, -"_mean".length));
}

/** JSON keys of one aggregate row, in order. */
export function aggregateJsonKeys(rows: readonly Row[], sla: boolean): string[] {
  const metrics = aggregatedMetrics(rows).filter((k) => sla || !k.startsWith("violations_"));
  return [
    "test_group",
    "failure",
    "runs",
    "scenarios",
    ...metrics.flatMap((k) => AGGREGATE_STATS.map((s) => `${k}_${s}`)),
  ];
}

export function renderAggregate(
  rows: readonly Row[],
  format: Format,
  options: AggregateRenderOptions,
): string {
  // --sort recovery_s orders by its mean (the key an aggregate row has)
  const sort =
    options.sort && !(options.sort.key in (rows[0] ?? {}))
      ? { ...options.sort, key: `${options.sort.key}_mean` }
      : options.sort;
  const groups = groupRows(rows, sort);
  const people = (form: "table" | "markdown") => {
    const tables = aggregateTables(options);
    const parts: string[] = [];
    for (const g of groups) {
      const title = groupHeading(`Test Group: ${g.name} (${runsText(g.rows)})`, form);
      parts.push(form === "table" ? `\n${title}\n` : `### ${title}\n`);
      for (const t of tables) {
        if (t.title) parts.push(form === "table" ? `${t.title}\n` : `#### ${t.title}\n`);
        parts.push(
          form === "table"
            ? renderTable({
                headers: t.columns.map((c) => c.header),
                rows: g.rows.map((r) => t.columns.map((c) => statsCell(r, c, "\n"))),
                align: t.columns.map((c) => (c.kind === "text" ? "center" : "right")),
                color: options.color,
              }) + "\n"
            : markdownTable(g.rows, t.columns),
        );
      }
      if (form === "table") parts.push(`${"=".repeat(80)}\n`);
    }
    return parts.join("\n");
  };
  return print(format, {
    keys: aggregateJsonKeys(rows, options.sla),
    rows: () => groups.flatMap((g) => g.rows),
    table: () => people("table"),
    markdown: () => people("markdown"),
  });
}

/** `2 runs` / `1–3 runs`: how many runs the group's rows come from. */
function runsText(rows: readonly Row[]): string {
  const counts = rows.map((r) => Number(r.runs));
  const lo = Math.min(...counts);
  const hi = Math.max(...counts);
  return `${lo === hi ? lo : `${lo}–${hi}`} run${hi === 1 ? "" : "s"}: mean ± sd, min–max`;
}

const runsColumn: Column = { key: "runs", header: "Runs", kind: "count" };

function aggregateTables(options: AggregateRenderOptions): { title?: string; columns: Column[] }[] {
  const lead = (columns: readonly Column[]) => [columns[0]!, runsColumn, ...columns.slice(1)];
  const tables: { title?: string; columns: Column[] }[] = [{ columns: lead(visibleColumns(options.sla)) }];
  if (options.extended) {
    tables.push({ title: "Client-visible recovery (seconds after the fault)", columns: lead(clientColumns) });
    tables.push({
      title: "Latency percentiles of successful requests (seconds)",
      columns: lead(percentileColumns),
    });
  }
  return tables;
}

/**
 * One metric's figures as people read them: `mean ± sd` then `min–max` (on the next line in a terminal
 * table); a count's mean and sd keep two decimals, since they are rarely whole.
 */
export function statsCell(row: Row, column: Column, separator: string): string {
  if (column.kind === "text" || column.key === "runs") return formatCell(row[column.key], column.kind);
  const stat = (s: (typeof AGGREGATE_STATS)[number]) => row[`${column.key}_${s}`];
  if (stat("mean") === null || stat("mean") === undefined) return "N/A";
  const spread = column.kind === "count" ? "seconds" : column.kind;
  const mean = formatCell(stat("mean"), spread);
  const sd = stat("sd") === null ? "" : ` ± ${formatCell(stat("sd"), spread)}`;
  return `${mean}${sd}${separator}${formatCell(stat("min"), column.kind)}–${formatCell(stat("max"), column.kind)}`;
}

function markdownTable(rows: readonly Row[], columns: readonly Column[]): string {
  const header = `| ${columns.map((c) => c.header.replace(/\n/g, " ")).join(" | ")} |`;
  const rule = `|${columns.map((c) => (c.kind === "text" ? ":---:" : "---:")).join("|")}|`;
  const body = rows.map((r) => `| ${columns.map((c) => mdEscape(statsCell(r, c, " <br>"))).join(" | ")} |`);
  return `${header}\n${rule}\n${body.join("\n")}\n`;
}

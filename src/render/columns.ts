/**
 * The summary's table columns: JSON key (docs/contract.md#json-keys, never renamed), the table header,
 * and how a value is shown, for every renderer. Headers and kinds come from the metric catalog
 * (metrics/catalog.ts, which also orders the keys of a JSON row); this module orders each table's columns.
 */
import { keysOf, metric } from "../metrics/catalog.js";

/**
 * How a value is shown to people (format.ts: formatCell); JSON and CSV always carry the raw value.
 * - text: names (control characters made printable); count: rounded; seconds, number: .2f;
 * - percent: a 0..1 ratio as a percentage with one decimal, no sign (the summary tables' `Success %`);
 * - ratio: a 0..1 ratio as `12.34 %` (the history commands); time, labels, bytes, auto (JSON text);
 * - shown: a cell the command has already written for people (its marks and colour kept as they are).
 */
export type ColumnKind =
  | "text"
  | "shown"
  | "count"
  | "seconds"
  | "percent"
  | "ratio"
  | "number"
  | "time"
  | "labels"
  | "bytes"
  | "auto";

/** One column of any table of any command: its key in the rows, its header, how its values are shown. */
export interface Column {
  key: string;
  /** Header (two lines in terminal tables where it holds a newline). */
  header: string;
  kind: ColumnKind;
  /** Default: numbers right, text left. */
  align?: "left" | "right";
}

/** A table's columns: `Failure`, then these metrics with their catalog header; ratios as percentages. */
function tableColumns(keys: readonly string[]): Column[] {
  return [
    { key: "failure", header: "Failure", kind: "text" },
    ...keys.map((key): Column => {
      const m = metric(key);
      if (!m) throw new Error(`internal: ${key} is not in metrics/catalog.ts`);
      return { key, header: m.header, kind: m.kind === "ratio" ? "percent" : m.kind };
    }),
  ];
}

/** The reference table (docs/metrics.md#table-order), in its order. Violations only with --sla. */
export const referenceColumns: readonly Column[] = tableColumns([
  "startup_s",
  "success_before",
  "failed_before",
  "success_after",
  "failed_after",
  "latency_before_s",
  "latency_after_s",
  "violations_before",
  "violations_after",
  "recovery_s",
]);

/** The `Run` column tables and Markdown lead with when a report covers more than one run. */
export const runColumn: Column = { key: "run", header: "Run", kind: "text" };

/** `--extended` table: what clients lived through, and how fast the failed component came back. */
export const clientColumns: readonly Column[] = tableColumns([
  "success_rate_before",
  "success_rate_after",
  "ttfs_s",
  "recovered_s",
  "outage_count",
  "outage_longest_s",
  "outage_total_s",
  "clients_hit_share",
  "component_restart_s",
  "component_ready_s",
]);

/** `--extended` table: latency percentiles of the successful attempts, before and after the fault. */
export const percentileColumns: readonly Column[] = tableColumns(keysOf(["percentiles"]));

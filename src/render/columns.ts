/**
 * The summary's table columns: JSON key (docs/contract.md#json-keys, never renamed), the table header,
 * and how a value is shown, for every renderer. Headers and kinds come from the metric catalog
 * (metrics/catalog.ts, which also orders the keys of a JSON row); this module orders each table's columns.
 */
import { keysOf, metric } from "../metrics/catalog.js";

export type ColumnKind = "text" | "count" | "seconds" | "ratio" | "percent";

export interface Column {
  key: string;
  /** Header as the reference parser prints it (two lines in terminal tables). */
  header: string;
  kind: ColumnKind;
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

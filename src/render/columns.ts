/**
 * The summary's columns: JSON key (docs/contract.md#json-keys, never renamed), the reference table header, and how a
 * value is shown. One list, used by every renderer.
 */
export type ColumnKind = "text" | "count" | "seconds" | "ratio" | "percent";

export interface Column {
  key: string;
  /** Header as the reference parser prints it (two lines in terminal tables). */
  header: string;
  kind: ColumnKind;
}

/** The reference table (docs/metrics.md#table-order), in its order. Violations only with --sla. */
export const referenceColumns: readonly Column[] = [
  { key: "failure", header: "Failure", kind: "text" },
  { key: "startup_s", header: "Startup", kind: "seconds" },
  { key: "success_before", header: "Success\nBefore", kind: "count" },
  { key: "failed_before", header: "Failed\nBefore", kind: "count" },
  { key: "success_after", header: "Success\nAfter", kind: "count" },
  { key: "failed_after", header: "Failed\nAfter", kind: "count" },
  { key: "latency_before_s", header: "Latency\nBefore", kind: "seconds" },
  { key: "latency_after_s", header: "Latency\nAfter", kind: "seconds" },
  { key: "violations_before", header: "Violations\nBefore", kind: "count" },
  { key: "violations_after", header: "Violations\nAfter", kind: "count" },
  { key: "recovery_s", header: "Recovery", kind: "seconds" },
];

/** JSON keys of one summary row, in order (docs/contract.md#json-keys). Tools depend on these names: add, never rename. */
export const summaryJsonKeys: readonly string[] = [
  "test_group",
  "failure",
  "layout",
  "scenario_dir",
  "startup_s",
  "success_before",
  "failed_before",
  "success_after",
  "failed_after",
  "latency_before_s",
  "latency_after_s",
  "recovery_s",
  "violations_before",
  "violations_after",
];

/**
 * JSON keys of the figures beyond the reference (docs/metrics.md#extended, view `summary_ext`), after the reference
 * keys. All are listed in docs/contract.md#json-keys. Add, never rename.
 */
export const extendedJsonKeys: readonly string[] = [
  "p50_before_s",
  "p90_before_s",
  "p99_before_s",
  "p50_after_s",
  "p90_after_s",
  "p99_after_s",
  "success_rate_before",
  "success_rate_after",
  "ttfs_s",
  "recovered_s",
  "outage_count",
  "outage_longest_s",
  "outage_total_s",
  "component_restart_s",
  "component_ready_s",
  "clients_hit_share",
  "failed_component",
  "errors",
  // the early local suite's watcher: mean queue length of the busy workers before/after F
  "pending_before",
  "pending_after",
];

/**
 * JSON keys that name a row's run and scenario, after every metric key: `run` is the run's display
 * name (docs/runs.md), `scenario_id` the key of the scenario's rows in timeline*.csv.
 */
export const runJsonKeys: readonly string[] = ["run", "scenario_id"];

/** The `Run` column tables and Markdown lead with when a report covers more than one run. */
export const runColumn: Column = { key: "run", header: "Run", kind: "text" };

/** `--extended` table: what clients lived through, and how fast the failed component came back. */
export const clientColumns: readonly Column[] = [
  { key: "failure", header: "Failure", kind: "text" },
  { key: "success_rate_before", header: "Success %\nBefore", kind: "percent" },
  { key: "success_rate_after", header: "Success %\nAfter", kind: "percent" },
  { key: "ttfs_s", header: "First\nSuccess", kind: "seconds" },
  { key: "recovered_s", header: "Recovered\n(clients)", kind: "seconds" },
  { key: "outage_count", header: "Outages", kind: "count" },
  { key: "outage_longest_s", header: "Longest\nOutage", kind: "seconds" },
  { key: "outage_total_s", header: "Outage\nTotal", kind: "seconds" },
  { key: "clients_hit_share", header: "Clients\nHit %", kind: "percent" },
  { key: "component_restart_s", header: "Component\nRestart", kind: "seconds" },
  { key: "component_ready_s", header: "Component\nReady", kind: "seconds" },
];

/** `--extended` table: latency percentiles of the successful attempts, before and after the fault. */
export const percentileColumns: readonly Column[] = [
  { key: "failure", header: "Failure", kind: "text" },
  { key: "p50_before_s", header: "p50\nBefore", kind: "seconds" },
  { key: "p90_before_s", header: "p90\nBefore", kind: "seconds" },
  { key: "p99_before_s", header: "p99\nBefore", kind: "seconds" },
  { key: "p50_after_s", header: "p50\nAfter", kind: "seconds" },
  { key: "p90_after_s", header: "p90\nAfter", kind: "seconds" },
  { key: "p99_after_s", header: "p99\nAfter", kind: "seconds" },
];

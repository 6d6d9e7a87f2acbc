/**
 * The metric catalog: every figure a summary row carries, once. Its JSON key (docs/contract.md#json-keys,
 * never renamed), its kind (how a value is read and shown), the group it belongs to, and its table
 * header where a table shows it. Read by the renderers (render/columns.ts), the check rules
 * (check/metrics.ts). Adding a metric: one column of a view in
 * queries/views/, one row here, and a test.
 */

/** How a value is read: a count, seconds, or a ratio in 0..1 (tables show ratios as percentages). */
export type MetricKind = "count" | "seconds" | "ratio";

/**
 * - reference: the reference table (docs/metrics.md#table-order), shown by default;
 * - clients, percentiles: the two `--extended` tables (docs/metrics.md#extended);
 */
export type MetricGroup = "reference" | "clients" | "percentiles";

export interface Metric {
  key: string;
  kind: MetricKind;
  group: MetricGroup;
  /** Header in its group's table (two lines in terminal tables). */
  header: string;
}

/** Every metric, in the order of the JSON rows (docs/contract.md#json-keys). */
export const METRICS: readonly Metric[] = [
  { key: "startup_s", kind: "seconds", group: "reference", header: "Startup" },
  { key: "success_before", kind: "count", group: "reference", header: "Success\nBefore" },
  { key: "failed_before", kind: "count", group: "reference", header: "Failed\nBefore" },
  { key: "success_after", kind: "count", group: "reference", header: "Success\nAfter" },
  { key: "failed_after", kind: "count", group: "reference", header: "Failed\nAfter" },
  { key: "latency_before_s", kind: "seconds", group: "reference", header: "Latency\nBefore" },
  { key: "latency_after_s", kind: "seconds", group: "reference", header: "Latency\nAfter" },
  { key: "recovery_s", kind: "seconds", group: "reference", header: "Recovery" },
  // only with --sla
  { key: "violations_before", kind: "count", group: "reference", header: "Violations\nBefore" },
  { key: "violations_after", kind: "count", group: "reference", header: "Violations\nAfter" },
  // the extended metrics (docs/metrics.md#extended)
  { key: "p50_before_s", kind: "seconds", group: "percentiles", header: "p50\nBefore" },
  { key: "p90_before_s", kind: "seconds", group: "percentiles", header: "p90\nBefore" },
  { key: "p99_before_s", kind: "seconds", group: "percentiles", header: "p99\nBefore" },
  { key: "p50_after_s", kind: "seconds", group: "percentiles", header: "p50\nAfter" },
  { key: "p90_after_s", kind: "seconds", group: "percentiles", header: "p90\nAfter" },
  { key: "p99_after_s", kind: "seconds", group: "percentiles", header: "p99\nAfter" },
  { key: "success_rate_before", kind: "ratio", group: "clients", header: "Success %\nBefore" },
  { key: "success_rate_after", kind: "ratio", group: "clients", header: "Success %\nAfter" },
  { key: "ttfs_s", kind: "seconds", group: "clients", header: "First\nSuccess" },
  { key: "recovered_s", kind: "seconds", group: "clients", header: "Recovered\n(clients)" },
  { key: "outage_count", kind: "count", group: "clients", header: "Outages" },
  { key: "outage_longest_s", kind: "seconds", group: "clients", header: "Longest\nOutage" },
  { key: "outage_total_s", kind: "seconds", group: "clients", header: "Outage\nTotal" },
  { key: "component_restart_s", kind: "seconds", group: "clients", header: "Component\nRestart" },
  { key: "component_ready_s", kind: "seconds", group: "clients", header: "Component\nReady" },
  // share of clients that saw at least one failure after the fault (docs/metrics.md#outages)
  { key: "clients_hit_share", kind: "ratio", group: "clients", header: "Clients\nHit %" },
];

const byKey = new Map(METRICS.map((m) => [m.key, m]));

/** The catalog's entry of a JSON key, if it is a metric. */
export function metric(key: string): Metric | undefined {
  return byKey.get(key);
}

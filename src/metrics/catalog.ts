/**
 * The metric catalog: every figure a summary row carries, once. Its JSON key (docs/contract.md#json-keys,
 * never renamed), its kind (how a value is read and shown), the group it belongs to, its table
 * header where a table shows it, whether history keeps it and the charts draw it, and the defaults
 * of the parameters it depends on. Read by the renderers (render/columns.ts, render/charts/bind.ts),
 * the check rules (check/metrics.ts), the history commands (history/metrics.ts, history/minDelta.ts)
 * and the metric flags (cli/flags.ts). Adding a metric: one column of a view in queries/views/, one
 * row here, and a test (docs/development.md#adding-a-metric); test/metrics/catalog.test.ts checks
 * that the views and this catalog list the same metrics.
 */

/** How a value is read: a count, seconds, or a ratio in 0..1 (tables show ratios as percentages). */
export type MetricKind = "count" | "seconds" | "ratio";

/**
 * - reference: the reference table (docs/metrics.md#table-order), shown by default;
 * - clients, percentiles: the two `--extended` tables (docs/metrics.md#extended);
 */
export type MetricGroup = "reference" | "clients" | "percentiles";

/** The session parameters of the metric views (--window, --recovered-ratio, --bucket). */
export interface ExtendedParams {
  /** --window: seconds a client-visible recovery must hold. */
  windowS: number;
  /** --recovered-ratio: success ratio (0..1) every second of that window must reach. */
  recoveredRatio: number;
  /** --bucket: timeline bucket size in seconds. */
  bucketS: number;
}

/**
 * Their defaults (docs/metrics.md#extended), the one place they are written: the flags show them as
 * their defaults and every session binds them (metrics/views.ts), so the SQL holds none.
 */
export const EXTENDED_DEFAULTS: Readonly<ExtendedParams> = { windowS: 10, recoveredRatio: 0.9, bucketS: 1 };

export interface Metric {
  key: string;
  kind: MetricKind;
  group: MetricGroup;
  /** Header in its group's table (two lines in terminal tables). */
  header: string;
  /** Only with --sla, and so not kept across runs (view `history_metrics`; trend and compare keep the rest). */
  sla?: true;
  /** Drawn by the charts (render/charts/bind.ts' summary dataset). */
  chart?: true;
  /** The parameters this figure depends on, at their defaults (what history stores it under). */
  default?: Partial<ExtendedParams>;
}

/** Every metric, in the order of the JSON rows (docs/contract.md#json-keys). */
export const METRICS: readonly Metric[] = [
  { key: "startup_s", kind: "seconds", group: "reference", header: "Startup" },
  { key: "success_before", kind: "count", group: "reference", header: "Success\nBefore", chart: true },
  { key: "failed_before", kind: "count", group: "reference", header: "Failed\nBefore", chart: true },
  { key: "success_after", kind: "count", group: "reference", header: "Success\nAfter", chart: true },
  { key: "failed_after", kind: "count", group: "reference", header: "Failed\nAfter", chart: true },
  { key: "latency_before_s", kind: "seconds", group: "reference", header: "Latency\nBefore" },
  { key: "latency_after_s", kind: "seconds", group: "reference", header: "Latency\nAfter" },
  { key: "recovery_s", kind: "seconds", group: "reference", header: "Recovery", chart: true },
  // only with --sla
  { key: "violations_before", kind: "count", group: "reference", header: "Violations\nBefore", sla: true },
  { key: "violations_after", kind: "count", group: "reference", header: "Violations\nAfter", sla: true },
  // the extended metrics (docs/metrics.md#extended)
  { key: "p50_before_s", kind: "seconds", group: "percentiles", header: "p50\nBefore", chart: true },
  { key: "p90_before_s", kind: "seconds", group: "percentiles", header: "p90\nBefore", chart: true },
  { key: "p99_before_s", kind: "seconds", group: "percentiles", header: "p99\nBefore", chart: true },
  { key: "p50_after_s", kind: "seconds", group: "percentiles", header: "p50\nAfter", chart: true },
  { key: "p90_after_s", kind: "seconds", group: "percentiles", header: "p90\nAfter", chart: true },
  { key: "p99_after_s", kind: "seconds", group: "percentiles", header: "p99\nAfter", chart: true },
  { key: "success_rate_before", kind: "ratio", group: "clients", header: "Success %\nBefore" },
  { key: "success_rate_after", kind: "ratio", group: "clients", header: "Success %\nAfter" },
  { key: "ttfs_s", kind: "seconds", group: "clients", header: "First\nSuccess" },
  {
    key: "recovered_s",
    kind: "seconds",
    group: "clients",
    header: "Recovered\n(clients)",
    chart: true,
    default: { windowS: EXTENDED_DEFAULTS.windowS, recoveredRatio: EXTENDED_DEFAULTS.recoveredRatio },
  },
  { key: "outage_count", kind: "count", group: "clients", header: "Outages" },
  { key: "outage_longest_s", kind: "seconds", group: "clients", header: "Longest\nOutage" },
  { key: "outage_total_s", kind: "seconds", group: "clients", header: "Outage\nTotal" },
  { key: "component_restart_s", kind: "seconds", group: "clients", header: "Component\nRestart" },
  { key: "component_ready_s", kind: "seconds", group: "clients", header: "Component\nReady", chart: true },
  // share of clients that saw at least one failure after the fault (docs/metrics.md#outages)
  { key: "clients_hit_share", kind: "ratio", group: "clients", header: "Clients\nHit %" },
];

const byKey = new Map(METRICS.map((m) => [m.key, m]));

/** The catalog's entry of a JSON key, if it is a metric. */
export function metric(key: string): Metric | undefined {
  return byKey.get(key);
}

/** The metrics history keeps (view `history_metrics`), in catalog order. */
export const STORED_METRICS: readonly string[] = METRICS.filter((m) => !m.sla).map((m) => m.key);

/** The metric keys of these groups, in the catalog's (the JSON rows') order. */
export function keysOf(groups: readonly MetricGroup[]): string[] {
  return METRICS.filter((m) => groups.includes(m.group)).map((m) => m.key);
}

/** Keys of a summary row that identify a scenario rather than measure it (check's scopes, not metrics). */
export const identityKeys: readonly string[] = ["test_group", "failure", "layout", "scenario_dir"];

/** JSON keys of one summary row, in order (docs/contract.md#json-keys). Tools depend on these names: add, never rename. */
export const summaryJsonKeys: readonly string[] = [...identityKeys, ...keysOf(["reference"])];

/**
 * JSON keys of the figures beyond the reference (docs/metrics.md#extended, view `summary_ext`), after the reference
 * keys. All are listed in docs/contract.md#json-keys. Add, never rename.
 */
export const extendedJsonKeys: readonly string[] = [
  ...keysOf(["percentiles", "clients"]),
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

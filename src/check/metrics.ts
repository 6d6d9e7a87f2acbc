/**
 * The metrics a check rule may name: the numeric JSON keys of a summary row (docs/contract.md#json-keys). One list,
 * used by the rule parser (to reject typos before anything is read) and by the renderers (to show a
 * measured value the way its kind is shown elsewhere).
 *
 * It holds the extended keys of docs/contract.md#json-keys even where the summary does not compute them yet: a rule on such
 * a key parses, and evaluates as missing (N/A) until the metric lands. Any numeric key added to
 * `summaryJsonKeys` later is accepted automatically (as a plain number).
 */
import { summaryJsonKeys, type ColumnKind } from "../render/columns.js";
import { closest } from "../suggest.js";

export type MetricKind = Exclude<ColumnKind, "text">;

/** Numeric JSON keys (docs/contract.md#json-keys), in the order of the JSON rows. */
const specMetrics: readonly (readonly [string, MetricKind])[] = [
  ["startup_s", "seconds"],
  ["success_before", "count"],
  ["failed_before", "count"],
  ["success_after", "count"],
  ["failed_after", "count"],
  ["latency_before_s", "seconds"],
  ["latency_after_s", "seconds"],
  ["recovery_s", "seconds"],
  ["violations_before", "count"],
  ["violations_after", "count"],
  // the extended metrics (docs/metrics.md#extended)
  ["p50_before_s", "seconds"],
  ["p90_before_s", "seconds"],
  ["p99_before_s", "seconds"],
  ["p50_after_s", "seconds"],
  ["p90_after_s", "seconds"],
  ["p99_after_s", "seconds"],
  ["success_rate_before", "ratio"],
  ["success_rate_after", "ratio"],
  ["ttfs_s", "seconds"],
  ["recovered_s", "seconds"],
  ["outage_count", "count"],
  ["outage_longest_s", "seconds"],
  ["outage_total_s", "seconds"],
  ["component_restart_s", "seconds"],
  ["component_ready_s", "seconds"],
  // beyond the keys of docs/contract.md#json-keys: share of clients that saw at least one failure after the fault (docs/metrics.md#outages)
  ["clients_hit_share", "ratio"],
];

/** Keys of a summary row that identify a scenario rather than measure it: scopes, not metrics. */
export const identityKeys: readonly string[] = ["test_group", "failure", "layout", "scenario_dir"];

function buildCatalog(): Map<string, MetricKind> {
  const catalog = new Map<string, MetricKind>(specMetrics);
  for (const key of summaryJsonKeys) {
    if (!identityKeys.includes(key) && !catalog.has(key)) catalog.set(key, kindFromName(key));
  }
  return catalog;
}

/** A key added to the summary without an entry above: seconds by the `_s` convention, else a number. */
function kindFromName(key: string): MetricKind {
  if (key.endsWith("_s")) return "seconds";
  if (key.startsWith("success_rate")) return "ratio";
  return "count";
}

const catalog = buildCatalog();

/** Every metric name a rule may use, in summary order. */
export const metricNames: readonly string[] = [...catalog.keys()];

export function metricKind(name: string): MetricKind | undefined {
  return catalog.get(name);
}

/** The summary keys a row must carry for every known metric (for `summaryObjects`' extraKeys). */
export function metricKeysBeyondSummary(): string[] {
  return metricNames.filter((k) => !summaryJsonKeys.includes(k));
}

/** The known metric closest to a misspelt one, if it is close enough to be a plausible typo. */
export function closestMetric(name: string): string | undefined {
  return closest(name, metricNames);
}

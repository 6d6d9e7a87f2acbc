/**
 * The metrics a check rule may name: the numeric JSON keys of a summary row (docs/contract.md#json-keys),
 * as the metric catalog (metrics/catalog.ts) lists them. Used by the rule parser (to reject typos
 * before anything is read) and by the renderers (to show a measured value the way its kind is shown
 * elsewhere).
 */
import { METRICS, type MetricKind } from "../metrics/catalog.js";
import { closest } from "../suggest.js";

export { identityKeys, type MetricKind } from "../metrics/catalog.js";

const kinds = new Map<string, MetricKind>(METRICS.map((m) => [m.key, m.kind]));

/** Every metric name a rule may use, in summary order. */
export const metricNames: readonly string[] = METRICS.map((m) => m.key);

export function metricKind(name: string): MetricKind | undefined {
  return kinds.get(name);
}

/** The summary keys a row must carry for every known metric (for `summaryObjects`' extraKeys). */
export function metricKeysBeyondSummary(): string[] {
  return METRICS.filter((m) => m.group !== "reference").map((m) => m.key);
}

/** The known metric closest to a misspelt one, if it is close enough to be a plausible typo. */
export function closestMetric(name: string): string | undefined {
  return closest(name, metricNames);
}

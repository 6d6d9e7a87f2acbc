/**
 * One fixed colour per failure name, for every chart and for report.html: the failures the suite defines
 * (the `known_failures` table of queries/reference_data.sql, docs/metrics.md#table-order) get a colour of
 * their own, a process failure and its `_pod` twin two shades of one hue; any other name gets a colour
 * from a second palette picked by a stable hash of the name, so it is the same in every report.
 */

const KNOWN: Readonly<Record<string, string>> = {
  none: "#7f7f7f",
  frontend: "#1f77b4",
  frontend_pod: "#aec7e8",
  decode_worker: "#ff7f0e",
  decode_worker_pod: "#ffbb78",
  prefill_worker: "#9467bd",
  prefill_worker_pod: "#c5b0d5",
  vllm_decode_engine_core: "#17becf",
  vllm_prefill_engine_core: "#9edae5",
  sglang_decode_scheduler: "#8c564b",
  sglang_decode_detokenizer: "#c49c94",
  sglang_prefill_scheduler: "#e377c2",
  sglang_prefill_detokenizer: "#f7b6d2",
  trtllm_decode_engine_core: "#bcbd22",
  trtllm_prefill_engine_core: "#dbdb8d",
};

/** For names the suite does not define: darker hues, none equal to a colour above. */
const OTHERS = ["#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#76b7b2", "#edc948", "#ff9da7", "#9c755f"];

export const KNOWN_FAILURE_COLOURS = KNOWN;

/** FNV-1a (32 bit): stable across runs, platforms and Node versions, unlike any built-in hash. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export function failureColour(name: string): string {
  return Object.hasOwn(KNOWN, name) ? KNOWN[name]! : OTHERS[fnv1a(name) % OTHERS.length]!;
}

/** A Vega-Lite colour scale for these failure names: each name mapped to its fixed colour. */
export function failureColourScale(names: Iterable<string>): { domain: string[]; range: string[] } {
  const domain = [...new Set(names)];
  return { domain, range: domain.map(failureColour) };
}

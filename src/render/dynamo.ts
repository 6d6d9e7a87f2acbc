/**
 * `--as dynamo`: per scenario, the table Dynamo's parser of that scenario's generation prints
 * (docs/metrics.md#as-dynamo): the legacy group tables, the AI-Perf parser's "FAULT TOLERANCE TEST SUMMARY - AI-PERF"
 * Metric/Value table (docs/layouts/aiperf.md#the-dynamo-table), and FaultToleranceReport's three sections (docs/layouts/events.md#fault-tolerance-report).
 * The numbers come from queries/dynamo_rows.sql; this module only lays them out, with Python's
 * formatting (round half to even on exact binary ties, `N/A` for None and for Dynamo's 0 ⇒ N/A rules).
 * In JSON and CSV every summary row carries a `dynamo` object.
 */
import type { DynamoRow } from "../metrics/rows.js";
import { mdEscape, print, type Format } from "./print.js";
import { formatFixed } from "../number.js";
import { renderSummary, summaryObjects, type SummaryRenderOptions } from "./summary.js";
import { summaryJsonKeys } from "../metrics/catalog.js";
import { renderTable } from "./table.js";

/** A scenario's `--as dynamo` row: the scenario's identity, its summary row (if any) and `dynamo`. */
export interface DynamoRenderOptions extends SummaryRenderOptions {
  /** --sla in seconds: the AI-Perf table's SLA Status row (on Mean Latency). */
  slaSeconds?: number;
}

export function renderDynamo(
  rows: readonly DynamoRow[],
  format: Format,
  options: DynamoRenderOptions,
): string {
  const objects = () => dynamoObjects(rows, options);
  return print(format, {
    keys: [...summaryJsonKeys, "dynamo"],
    rows: objects,
    // every key of the summary objects (the CSV keeps only the reference ones and `dynamo`)
    json: objects,
    table: () => renderDynamoTables(rows, "table", options),
    markdown: () => renderDynamoTables(rows, "markdown", options),
  });
}

/** Summary objects (keys: docs/contract.md#json-keys) with a `dynamo` object added, in display order. */
function dynamoObjects(rows: readonly DynamoRow[], options: SummaryRenderOptions): Record<string, unknown>[] {
  const base = rows.map((r) => ({ ...r.scenario, ...(r.summary ?? {}), dynamo: r.dynamo }));
  return summaryObjects(base, { ...options, extraKeys: [...(options.extraKeys ?? []), "dynamo"] });
}

function renderDynamoTables(
  rows: readonly DynamoRow[],
  format: "table" | "markdown",
  options: DynamoRenderOptions,
): string {
  const parts: string[] = [];
  const legacy = rows.filter((r) => r.scenario.layout === "legacy");
  if (legacy.length > 0) {
    // Dynamo's legacy table is ftparse's reference summary, with its own Startup rule applied.
    const legacyRows = legacy.map((r) => ({ ...r.summary, startup_s: r.dynamo.startup_s ?? null }));
    parts.push(renderSummary(legacyRows, format, options));
  }
  for (const r of rows.filter((x) => x.scenario.layout === "aiperf")) {
    parts.push(renderAiperf(r, format, options));
  }
  for (const r of rows.filter((x) => x.scenario.layout === "events")) {
    parts.push(renderEvents(r, format, options));
  }
  const early = rows.filter((x) => x.scenario.layout === "early");
  if (early.length > 0) parts.push(renderEarly(early, format, options));
  return parts.join("\n");
}

// --- The early local suite's parser (docs/layouts/early-local.md) ------------------------------------

export const EARLY_HEADERS = [
  "Failure",
  "Startup Time",
  "Success",
  "Failed",
  "Latency Before",
  "Latency After",
  "Pending Before",
  "Pending After",
  "Violations Before",
  "Violations After",
  "Recovery Time",
] as const;

const EARLY_KEYS = [
  "startup_s",
  "success",
  "failed",
  "latency_before_s",
  "latency_after_s",
  "pending_before",
  "pending_after",
  "violations_before",
  "violations_after",
  "recovery_s",
] as const;

/**
 * One row of that parser's table. Every number with 2 decimals, counts too (the tabulate of its day,
 * ≤ 0.9, formats numpy integers as floats); `N/A` for None; `nan` for a mean over no successes where
 * the window itself had rows.
 */
export function earlyCells(failure: string, d: Record<string, unknown>): string[] {
  return [
    failure,
    ...EARLY_KEYS.map((k) => {
      const v = d[k];
      if (typeof v === "number") return formatFixed(v, 2);
      if (k === "latency_before_s") return "nan";
      if (k === "latency_after_s" && typeof d.rows_after === "number" && d.rows_after > 0) return "nan";
      return "N/A";
    }),
  ];
}

/**
 * Per test group (in the order groups first appear), `Test Group:` and `Test Command:` lines and the
 * table; rows in that parser's failure order, failures it does not know left out, as it does.
 */
function renderEarly(
  rows: readonly DynamoRow[],
  format: "table" | "markdown",
  options: SummaryRenderOptions,
): string {
  const groups = new Map<string, DynamoRow[]>();
  for (const r of rows) {
    const g = String(r.scenario.test_group);
    groups.set(g, [...(groups.get(g) ?? []), r]);
  }
  let out = "";
  for (const [group, members] of groups) {
    const command = members[0]!.dynamo.command;
    const listed = members
      .filter((r) => typeof r.dynamo.order === "number")
      .sort((a, b) => (a.dynamo.order as number) - (b.dynamo.order as number));
    const cells = listed.map((r) => earlyCells(String(r.scenario.failure), r.dynamo));
    const table =
      format === "markdown"
        ? pipeTable(EARLY_HEADERS, cells)
        : renderTable({
            headers: [...EARLY_HEADERS],
            rows: cells,
            align: EARLY_HEADERS.map((_, i) => (i === 0 ? "center" : "right")),
            color: options.color,
          });
    out += `\nTest Group: ${group}\n\nTest Command: ${typeof command === "string" ? command : "N/A"}\n${table}\n\n${"=".repeat(80)}\n`;
  }
  return out;
}

// --- AI-Perf parser (docs/layouts/aiperf.md#the-dynamo-table) --------------------------------------------------------------

type Cells = [string, string][];

/** Dynamo prints N/A for None and for exactly 0 (Startup, Recovery). */
function secondsOrNA(v: unknown): string {
  return typeof v === "number" && v !== 0 ? `${formatFixed(v, 2)} sec` : "N/A";
}

export function aiperfCells(name: string, d: Record<string, unknown>, sla?: number): Cells {
  const n = (k: string) => (typeof d[k] === "number" ? (d[k] as number) : null);
  const cells: Cells = [
    ["Test Directory", name],
    ["Number of Clients", String(n("num_clients") ?? 0)],
    ["", ""],
    ["=== Deployment Metrics ===", ""],
    ["Startup Time", secondsOrNA(d.startup_s)],
    ["Recovery Time", secondsOrNA(d.recovery_s)],
    ["", ""],
    ["=== Request Metrics ===", ""],
    ["Total Requests", String(n("total_requests") ?? 0)],
    ["Successful Requests", String(n("successful_requests") ?? 0)],
    ["Failed Requests", String(n("failed_requests") ?? 0)],
  ];
  const rate = n("success_rate_pct");
  if (rate !== null) cells.push(["Success Rate", `${formatFixed(rate, 2)}%`]);
  cells.push(["", ""], ["=== Latency Metrics (seconds) ===", ""]);
  const mean = n("mean_latency_s");
  if (mean !== null) {
    cells.push(["Mean Latency", formatFixed(mean, 3)]);
    if (sla !== undefined) {
      const verdict = mean <= sla ? "✓ PASS" : "✗ FAIL";
      cells.push(["SLA Status", `${verdict} (target: ${formatFixed(sla, 3)}s)`]);
    }
  }
  for (const [label, key] of [
    ["P50 Latency", "p50_latency_s"],
    ["P90 Latency", "p90_latency_s"],
    ["P99 Latency", "p99_latency_s"],
  ] as const) {
    const v = n(key);
    if (v !== null) cells.push([label, formatFixed(v, 3)]);
  }
  cells.push(["", ""], ["=== Token Generation Metrics ===", ""]);
  const ttft = n("ttft_mean_s");
  if (ttft !== null) cells.push(["Time to First Token (mean)", `${formatFixed(ttft, 3)} sec`]);
  const itl = n("itl_mean_s");
  if (itl !== null) cells.push(["Inter-Token Latency (mean)", `${formatFixed(itl, 4)} sec`]);
  cells.push(["", ""], ["=== Throughput Metrics ===", ""]);
  const total = n("total_throughput_rps");
  if (total !== null) cells.push(["Total Throughput", `${formatFixed(total, 2)} req/s`]);
  const avg = n("avg_client_throughput_rps");
  if (avg !== null) cells.push(["Avg Client Throughput", `${formatFixed(avg, 2)} req/s`]);
  return cells;
}

function renderAiperf(r: DynamoRow, format: "table" | "markdown", options: DynamoRenderOptions): string {
  const cells = aiperfCells(String(r.scenario.name), r.dynamo, options.slaSeconds);
  const rule = "=".repeat(60);
  if (format === "markdown") {
    return `### FAULT TOLERANCE TEST SUMMARY - AI-PERF\n\n${pipeTable(["Metric", "Value"], cells)}\n`;
  }
  const table = renderTable({
    headers: ["Metric", "Value"],
    rows: cells,
    align: ["left", "left"],
    color: options.color,
    width: options.width,
  });
  return `\n${rule}\nFAULT TOLERANCE TEST SUMMARY - AI-PERF\n${rule}\n${table}\n${rule}\n`;
}

// --- FaultToleranceReport (docs/layouts/events.md#fault-tolerance-report) ---------------------------------------------------------

/** Report cells: strings as is ("N/A"), timings and latencies with 2 decimals, counts as integers. */
function reportValue(v: unknown, kind: "seconds" | "count"): string {
  if (typeof v !== "number") return "N/A";
  return kind === "count" ? String(Math.round(v)) : formatFixed(v, 2);
}

export function eventsSections(
  d: Record<string, unknown>,
): { title: string; headers: string[]; rows: string[][] }[] {
  const rows = (Array.isArray(d.rows) ? d.rows : []) as Record<string, unknown>[];
  return [
    {
      title: "Timing",
      headers: ["Failure", "Startup (s)", "Recovery (s)"],
      rows: rows.map((r) => [
        String(r.failure),
        reportValue(r.startup_s, "seconds"),
        reportValue(r.recovery_s, "seconds"),
      ]),
    },
    {
      title: "Request counts (around fault)",
      headers: ["Failure", "Success Before", "Failed Before", "Success After", "Failed After"],
      rows: rows.map((r) => [
        String(r.failure),
        ...["success_before", "failed_before", "success_after", "failed_after"].map((k) =>
          reportValue(r[k], "count"),
        ),
      ]),
    },
    {
      title: "Latency",
      headers: ["Failure", "Latency Before (ms)", "Latency After (ms)"],
      rows: rows.map((r) => [
        String(r.failure),
        reportValue(r.latency_before_ms, "seconds"),
        reportValue(r.latency_after_ms, "seconds"),
      ]),
    },
  ];
}

/** Said above a report whose rows are shown as the harness recorded them, not as ftparse recomputes them. */
export const RECORDED_NOTE =
  "Note: rows as recorded in fault_tolerance_report.json (ftparse's recomputation: --format json, dynamo.computed_rows)";

function renderEvents(r: DynamoRow, format: "table" | "markdown", options: SummaryRenderOptions): string {
  const title = `FaultToleranceReport: ${String(r.scenario.name)}`;
  const sections = eventsSections(r.dynamo);
  if (sections[0]!.rows.length === 0) return `\n${title}\n(no per-request records: no report)\n`;
  if (format === "markdown") {
    const note = r.dynamo.rows_source === "recorded" ? `${RECORDED_NOTE}\n\n` : "";
    return `### ${title}\n\n${note}${sections.map((s) => `## ${s.title}\n\n${pipeTable(s.headers, s.rows)}\n`).join("\n")}`;
  }
  let out = `\n${title}\n`;
  if (r.dynamo.rows_source === "recorded") out += `${RECORDED_NOTE}\n`;
  for (const s of sections) {
    out += `\n## ${s.title}\n`;
    out += renderTable({
      headers: s.headers,
      rows: s.rows,
      align: s.headers.map((_, i) => (i === 0 ? "left" : "right")),
      color: options.color,
      width: options.width,
    });
    out += "\n";
  }
  return out;
}

function pipeTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  return [
    `| ${headers.map(mdEscape).join(" | ")} |`,
    `|${headers.map(() => "---").join("|")}|`,
    ...rows.map((r) => `| ${r.map(mdEscape).join(" | ")} |`),
  ].join("\n");
}

/**
 * report.html: one self-contained file (no script, no network): the summary tables of every test group
 * (reference table, then the extended tables), the charts as inline SVG, the ingest warnings, and what
 * each figure means. Everything from the data is HTML-escaped.
 */
import type { RunVerdict } from "../check/evaluate.js";
import type { Row } from "../db.js";
import type { ExtendedParams } from "../metrics/views.js";
import { formatWarning, type Warning } from "../messages.js";
import type { Chart } from "./charts/index.js";
import { failureColour } from "./failureColours.js";
import { runColumn, type Column } from "./columns.js";
import { cellValue, extendedTables } from "./extended.js";
import { formatCell } from "./format.js";
import { groupRows } from "./groups.js";
import { coversManyRuns, visibleColumns, type SummaryRenderOptions } from "./summary.js";

export interface ReportHtmlInput {
  rows: readonly Row[];
  charts: readonly Chart[];
  warnings: readonly Warning[];
  render: SummaryRenderOptions;
  ext: ExtendedParams;
  inputs: readonly string[];
  generatedAt: Date;
  /** Pass/fail per run under a rule set (the default one unless rules were given). */
  verdict?: { rules: string; runs: readonly RunVerdict[] };
}

/** Warnings listed in the report; the rest are counted (all of them are in ingest_issues). */
const MAX_LISTED_WARNINGS = 200;

export function renderReportHtml(input: ReportHtmlInput): string {
  const groups = groupRows(input.rows);
  const sections = [
    header(input, groups.length),
    verdictSection(input),
    `<section id="summary"><h2>Summary by test group</h2>\n${groups.map((g) => groupSection(g.name, g.rows, input.render.sla, coversManyRuns(input.rows))).join("\n")}</section>`,
    `<section id="charts"><h2>Charts</h2>\n${input.charts.map(chartFigure).join("\n")}</section>`,
    warningsSection(input.warnings),
    glossary(input.ext),
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ftparse report</title>
<style>${STYLE}</style>
</head>
<body>
${sections.join("\n")}
</body>
</html>
`;
}

function header(input: ReportHtmlInput, groupCount: number): string {
  const p = input.ext;
  const params = [
    `--window ${p.windowS}`,
    `--recovered-ratio ${p.recoveredRatio}`,
    `--bucket ${p.bucketS}`,
    ...(input.render.sla ? ["--sla"] : []),
  ].join(" · ");
  return `<header>
<h1>Fault-tolerance report</h1>
<p class="meta">${input.rows.length} scenario${input.rows.length === 1 ? "" : "s"} in ${groupCount} test group${groupCount === 1 ? "" : "s"} · generated ${esc(input.generatedAt.toISOString())} by ftparse · ${esc(params)}</p>
<p class="meta">Inputs: ${input.inputs.map((i) => `<code>${esc(i)}</code>`).join(", ")}</p>
<nav><a href="#verdict">Verdict</a> · <a href="#summary">Summary</a> · <a href="#charts">Charts</a> · <a href="#warnings">Ingest warnings (${input.warnings.length})</a> · <a href="#glossary">What the figures mean</a></nav>
</header>`;
}

/** What a reader needs first: did each run pass, and which recoveries were the slowest. */
function verdictSection(input: ReportHtmlInput): string {
  const v = input.verdict;
  const manyRuns = new Set(input.rows.map((r) => r.run)).size > 1;
  const runs = v
    ? `<p class="meta">Rules: ${esc(v.rules)} (<code>ftparse check</code> gives the same verdict).</p>
<div class="scroll"><table class="verdict"><thead><tr><th>Run</th><th>Verdict</th><th>Scenarios failing</th></tr></thead><tbody>
${v.runs.map((r) => `<tr><td class="text">${esc(r.run)}</td><td class="text ${r.ok ? "pass" : "fail"}">${r.ok ? "PASS" : "FAIL"}</td><td class="num">${r.failedScenarios} of ${r.scenarios}</td></tr>`).join("\n")}
</tbody></table></div>`
    : "";
  const worst = input.rows
    .filter((r) => typeof r.recovery_s === "number")
    .sort((a, b) => Number(b.recovery_s) - Number(a.recovery_s))
    .slice(0, 5)
    .map(
      (r) =>
        `<li>${manyRuns ? `${esc(String(r.run))} · ` : ""}${esc(String(r.test_group))} / ${esc(String(r.failure))}: <strong>${esc(formatCell(r.recovery_s, "seconds"))} s</strong></li>`,
    );
  return `<section id="verdict"><h2>Verdict</h2>
${runs}
<h3>Slowest recoveries</h3>
${worst.length > 0 ? `<ol>${worst.join("")}</ol>` : "<p>No scenario recovered after a fault.</p>"}
<p><a href="#summary">Every figure by test group</a> · <a href="#charts">Charts</a> · <a href="#warnings">Ingest warnings</a></p>
</section>`;
}

function groupSection(name: string, rows: readonly Row[], sla: boolean, manyRuns: boolean): string {
  const lead = manyRuns ? [runColumn] : [];
  const tables = [
    table(
      "Reference summary (as Dynamo's parser prints it)",
      [...lead, ...visibleColumns(sla)],
      rows,
      "reference",
    ),
    ...extendedTables(rows, manyRuns)
      .filter((t) => t.columns.some((c) => c.kind !== "text"))
      .map((t) => table(t.title, t.columns, rows, "extended")),
  ];
  return `<article class="group"><h3>Test Group: ${esc(name)}</h3>\n${tables.join("\n")}</article>`;
}

function table(caption: string, columns: readonly Column[], rows: readonly Row[], kind: string): string {
  const head = columns.map((c) => `<th>${esc(c.header).replace(/\n/g, "<br>")}</th>`).join("");
  const body = rows
    .map((r) => {
      const cells = columns.map((c) => {
        const text = formatCell(cellValue(r, c.key), c.kind);
        // a failure carries the colour it has in every chart
        const swatch =
          c.key === "failure"
            ? `<span class="swatch" style="background:${failureColour(String(r.failure))}"></span>`
            : "";
        return `<td class="${c.kind === "text" ? "text" : "num"}${text === "N/A" ? " na" : ""}">${swatch}${esc(text)}</td>`;
      });
      return `<tr>${cells.join("")}</tr>`;
    })
    .join("\n");
  // wide tables scroll inside their own box, not the page
  return `<div class="scroll"><table class="${kind}"><caption>${esc(caption)}</caption>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table></div>`;
}

function chartFigure(chart: Chart, index: number): string {
  return `<figure class="chart" id="chart-${chart.name}" data-chart="${chart.name}">
${scopeSvgIds(chart.svg, `c${index}-`)}
<figcaption>${esc(chart.caption)} Files: <code>charts/${chart.name}.vl.json</code>, <code>.svg</code>, <code>.png</code>.</figcaption>
</figure>`;
}

/**
 * Several SVGs inline in one page share one id space: Vega names its clip paths and gradients the same in
 * every chart (clip1, …), so each chart's ids and references get a prefix.
 */
export function scopeSvgIds(svg: string, prefix: string): string {
  return svg
    .replace(/<\?xml[^>]*>\s*/, "")
    .replace(/\bid="([^"]+)"/g, `id="${prefix}$1"`)
    .replace(/url\(#([^)]+)\)/g, `url(#${prefix}$1)`)
    .replace(/href="#([^"]+)"/g, `href="#${prefix}$1"`);
}

function warningsSection(warnings: readonly Warning[]): string {
  if (warnings.length === 0) {
    return `<section id="warnings"><h2>Ingest warnings</h2><p>None: every input line was read.</p></section>`;
  }
  const listed = warnings
    .slice(0, MAX_LISTED_WARNINGS)
    .map((w) => `<li><code>${esc(formatWarning(w))}</code></li>`);
  const more =
    warnings.length > MAX_LISTED_WARNINGS
      ? `<p>… and ${warnings.length - MAX_LISTED_WARNINGS} more (all are in the <code>ingest_issues</code> table).</p>`
      : "";
  return `<section id="warnings"><h2>Ingest warnings (${warnings.length})</h2>
<p>Lines and files that were skipped; the figures above leave them out.</p>
<ul class="warnings">\n${listed.join("\n")}\n</ul>${more}</section>`;
}

function glossary(p: ExtendedParams): string {
  const items: [string, string][] = [
    [
      "Recovery",
      "latest ready line of any service after the fault, minus the fault time (the reference figure).",
    ],
    [
      "Success % Before / After",
      "share of request attempts that succeeded, split as the reference does (completed at or before the fault second is before).",
    ],
    ["p50 / p90 / p99", "latency percentiles of the successful attempts before and after the fault."],
    ["First Success (ttfs_s)", "seconds from the fault to the first successful completion after it."],
    [
      "Recovered (clients) (recovered_s)",
      `start of the first ${p.windowS}-second window after the fault in which every second with completions had a success ratio ≥ ${p.recoveredRatio}.`,
    ],
    [
      "Outages",
      "maximal runs of seconds after the fault in which requests completed and none succeeded (idle seconds in between included): count, longest and total seconds.",
    ],
    ["Clients Hit %", "share of clients that saw at least one failed request after the fault."],
    [
      "Component Restart / Ready",
      "seconds from the fault to the failed component's new container start (pod YAML) and to its own ready line (pod log).",
    ],
    [
      "Error classes",
      "failed attempts by cause: http_<status>, invalid_content (2xx without 100 characters of content), connection_refused, connection_closed, read_timeout, cancelled, other.",
    ],
  ];
  return `<section id="glossary"><h2>What the figures mean</h2><dl>
${items.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join("\n")}
</dl></section>`;
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `
body { font-family: "DejaVu Sans", Verdana, Helvetica, Arial, sans-serif; margin: 24px; color: #222; max-width: 900px; }
div.scroll { max-width: 100%; overflow-x: auto; } td.pass { color: #1a7f37; font-weight: bold; } td.fail { color: #cf222e; font-weight: bold; }
h1 { margin: 0 0 4px; } h2 { margin-top: 32px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
.meta { color: #555; margin: 2px 0; } nav { margin: 8px 0 0; }
article.group { margin: 16px 0 28px; }
table { border-collapse: collapse; margin: 8px 16px 16px 0; display: inline-table; vertical-align: top; font-size: 13px; }
caption { text-align: left; font-weight: bold; padding: 4px 0; }
th, td { border: 1px solid #ccc; padding: 3px 8px; } th { background: #f3f3f3; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; } td.text { text-align: center; } td.na { color: #999; }
figure.chart { margin: 16px 0 32px; overflow-x: auto; } figure.chart svg { display: block; max-width: none; }
span.swatch { display: inline-block; width: 10px; height: 10px; margin-right: 5px; border-radius: 2px; }
figcaption { color: #555; font-size: 13px; margin-top: 4px; }
ul.warnings { font-size: 12px; } dt { font-weight: bold; margin-top: 8px; } dd { margin-left: 16px; }
`;

/**
 * `ftparse PATH…` — the main job: the pipeline (pipeline.ts: discover → ingest → metrics views →
 * rows), then render.
 *
 *   pipeline ──► summary rows ──► render
 *                (view `summary_ext`)  table · markdown · csv · json
 *                                      --out: charts (Vega-Lite → SVG, PNG) · report.html
 *
 * Each stage is one numbered call below; no stage calls back into an earlier one.
 * With --db FILE the runs are kept in that file (history/store.ts: idempotent, one transaction) and
 * the summary is read from it; otherwise everything happens in memory.
 */
import { join } from "node:path";
import type { Row } from "../db.js";
import type { Effects } from "../effects.js";
import { ExitCode, FtparseError } from "../errors.js";
import { computeAggregate, computeDynamo } from "../metrics/rows.js";
import { timelineData, type ExtendedParams, type TimelineData } from "../metrics/views.js";
import { collectIssues, failIfStrict, openAndLoad, summaryRows } from "../pipeline.js";
import { ALL_ROWS, selectRows, type RowSelection } from "../select.js";
import { msg } from "../messages.js";
import { writeFileAtomic } from "../render/files.js";
import { renderSummary, type Format, type SummaryRenderOptions } from "../render/summary.js";
import { renderDynamo } from "../render/dynamo.js";
import { renderAggregate } from "../render/aggregate.js";
import { flushWarnings } from "../render/warnings.js";
import { extendedJsonKeys } from "../metrics/catalog.js";

export interface ReportOptions {
  paths: string[];
  format: Format;
  out?: string;
  tz: string;
  sla?: number;
  strict: boolean;
  /** Tables and Markdown: add the extended tables (docs/metrics.md#extended) after each group's reference table. */
  extended?: boolean;
  /** --window, --recovered-ratio, --bucket. */
  ext: ExtendedParams;
  /** ftparse's reference summary (default), or the table Dynamo's own parser prints per scenario. */
  as?: ReportStyle;
  /** Keep the runs in this DuckDB file (and read them from it). */
  db?: string;
  /** Or in this Parquet lake. */
  lake?: string;
  labels?: Record<string, string>;
  waitSeconds?: number;
  /** --group, --failure, --sort. */
  select?: RowSelection;
  /** One row per test group × failure across runs (queries/summary_aggregate.sql). */
  aggregate?: boolean;
  /** With --db and no PATH: the N most recent runs of the file. */
  last?: number;
}

export const REPORT_STYLES = ["ftparse", "dynamo"] as const;
export type ReportStyle = (typeof REPORT_STYLES)[number];

export async function report(options: ReportOptions, effects: Effects): Promise<ExitCode> {
  // 1–2. discover and ingest every PATH (one run each), in memory or kept in --db
  const { db, loaded } = await openAndLoad(options, effects);
  try {
    // 3. the summary view over the canonical tables, with the figures beyond the reference joined on
    const select = options.select ?? ALL_ROWS;
    const rows = selectRows(await summaryRows(db, loaded, options.sla, options.ext), select);
    // 3b. with --as dynamo: what Dynamo's parser of each scenario's generation prints
    const dynamo = options.as === "dynamo" ? await computeDynamo(db, loaded.runIds, rows) : undefined;
    // 3c. with --aggregate: the chosen scenarios' figures across runs, per test group × failure
    const aggregate = options.aggregate && rows.length > 0 ? await computeAggregate(db, rows) : undefined;
    // 4. everything that was skipped, as warnings naming file and line
    const issueCount = await collectIssues(db, loaded.runIds, effects, loaded.shownPath);
    if ((dynamo ?? rows).length === 0) {
      flushWarnings(effects);
      throw new FtparseError(msg.noUsableInput(loaded.scenarioCount), { exitCode: ExitCode.Usage });
    }
    // 5. render to stdout and, with --out, to files (tables, timeline, charts, report.html)
    const renderOptions: SummaryRenderOptions & { slaSeconds?: number } = {
      sla: options.sla !== undefined && options.sla !== 0,
      slaSeconds: options.sla || undefined,
      color: effects.color,
      width: effects.stdoutColumns,
      extraKeys: extendedJsonKeys,
      extended: Boolean(options.extended),
      sort: select.sort,
    };
    const render = (format: Format, opts: typeof renderOptions) =>
      dynamo
        ? renderDynamo(dynamo, format, opts)
        : aggregate
          ? renderAggregate(aggregate, format, opts)
          : renderSummary(rows, format, opts);
    effects.stdout.write(render(options.format, renderOptions));
    if (options.out) {
      const warnings = [...effects.warnings.items];
      const timeline = await timelineData(db, loaded.runIds);
      const { writeReportFiles } = await import("../render/reportDir.js");
      const { replaceFolder } = await import("../render/folderSwap.js");
      const verdict = await defaultVerdict(rows, renderOptions.sla);
      // The whole folder at once: a reader never sees this report's summary next to the last one's charts.
      await replaceFolder(options.out, isReportFolder, async (dir) => {
        await writeOutputs(dir, render, renderOptions);
        await writeReportFiles(dir, {
          rows,
          timeline: keepScenarios(timeline, rows),
          warnings,
          render: renderOptions,
          ext: options.ext,
          inputs: options.paths,
          generatedAt: effects.now(),
          verdict,
        });
      });
    }
    flushWarnings(effects);
    failIfStrict(options.strict, issueCount);
    return ExitCode.Ok;
  } finally {
    db.close();
  }
}

/** Pass/fail per run under the default rule set of `ftparse check`, for report.html's first section. */
async function defaultVerdict(rows: readonly Row[], sla: boolean) {
  const [{ selectRules }, { evaluateRules, runVerdicts }, { metricKeysBeyondSummary }, { summaryObjects }] =
    await Promise.all([
      import("../check/ruleSets.js"),
      import("../check/evaluate.js"),
      import("../check/metrics.js"),
      import("../render/summary.js"),
    ]);
  const selected = await selectRules({ exprs: [], files: [], sets: [] });
  const objects = summaryObjects(rows, { sla, color: false, extraKeys: metricKeysBeyondSummary() });
  return { rules: selected.sources.join("; "), runs: runVerdicts(evaluateRules(selected.rules, objects)) };
}

/** The timeline of the scenarios shown (--group, --failure leave some out). */
function keepScenarios(timeline: TimelineData, rows: readonly Row[]): TimelineData {
  const ids = new Set(rows.map((r) => Number(r.scenario_id)));
  const keep = (list: Row[]) => list.filter((r) => ids.has(Number(r.scenario_id)));
  return { buckets: keep(timeline.buckets), events: keep(timeline.events), outages: keep(timeline.outages) };
}

/** An --out folder a report may replace: empty, or an earlier report. */
function isReportFolder(names: readonly string[]): boolean {
  return names.length === 0 || names.includes("summary.json");
}

async function writeOutputs<O extends { color: boolean }>(
  dir: string,
  render: (format: Format, options: O) => string,
  options: O,
) {
  const plain = { ...options, color: false };
  await writeFileAtomic(join(dir, "summary.json"), render("json", plain));
  await writeFileAtomic(join(dir, "summary.csv"), render("csv", plain));
  await writeFileAtomic(join(dir, "summary.md"), render("markdown", plain));
}

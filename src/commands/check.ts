/**
 * `ftparse check PATH… [--rule EXPR]… [--rules FILE] [--rule-set NAME]… [--junit FILE] [--summary FILE]`
 * — a verdict on the system under test, for CI.
 *
 *   rules ──► discover ──► ingest ──► queries/summary.sql ──► evaluate ──► render
 *   (parsed     (PATHs)     (adapters)  (summary rows as JSON   (rules ×     stdout · JUnit XML ·
 *    first)                              objects)                scenarios)   step summary · verdict
 *
 * Exit codes: 0 every check holds; 1 a rule is breached, a metric it needs is missing, or a scenario a
 * rule applies to was found but yielded no request (unless --allow-unreadable);
 * 2 usage error (bad rule, bad rules file), no usable input, or input issues under --strict.
 */
import { appendFile } from "node:fs/promises";
import { resolve } from "node:path";
import {
  evaluateRules,
  explain,
  isFailure,
  runVerdictLine,
  runVerdicts,
  scenarioLabel,
  type CheckReport,
} from "../check/evaluate.js";
import { metricKeysBeyondSummary } from "../check/metrics.js";
import { selectRules, type RuleSelection } from "../check/ruleSets.js";
import { rulesNeedingSla } from "../check/rules.js";
import type { Effects } from "../effects.js";
import { ExitCode, FtparseError } from "../errors.js";
import { msg } from "../messages.js";
import { renderCheck } from "../render/checkResults.js";
import { writeFileAtomic } from "../render/files.js";
import { renderJUnit } from "../render/junit.js";
import { renderStepSummary } from "../render/stepSummary.js";
import { summaryObjects, type Format } from "../render/summary.js";
import { flushWarnings } from "../render/warnings.js";
import {
  collectIssues,
  failIfStrict,
  openAndLoad,
  scenariosWithoutRequests,
  summaryRows,
} from "../pipeline.js";
import type { ExtendedParams } from "../metrics/views.js";
import { ALL_ROWS, isSelected, selectRows, type RowSelection } from "../select.js";

export interface CheckOptions {
  paths: string[];
  rules: RuleSelection;
  format: Format;
  /** Write JUnit XML here. */
  junit?: string;
  /** Write the Markdown step summary here (replacing the file). */
  summary?: string;
  /** `$GITHUB_STEP_SUMMARY` when set (and not turned off): the step summary is appended there. */
  githubStepSummary?: string;
  tz: string;
  sla?: number;
  strict: boolean;
  /** --window, --recovered-ratio (the client-visible recovery figures rules may gate on). */
  ext: ExtendedParams;
  /** Keep the checked runs in this history file (idempotent), as `ftparse PATH --db` does. */
  db?: string;
  labels?: Record<string, string>;
  waitSeconds?: number;
  /** Scenarios found but not read (no request) are reported, not failed. */
  allowUnreadable?: boolean;
  /** --group, --failure, --sort. */
  select?: RowSelection;
}

/** How many failed checks the verdict on stderr lists before it counts the rest. */
const VERDICT_LINES = 20;

export async function check(options: CheckOptions, effects: Effects): Promise<ExitCode> {
  // 0. the rules first: a bad rule is a usage error before anything is read
  const selected = await selectRules(options.rules);
  const needSla = rulesNeedingSla(selected.rules);
  if (needSla.length > 0 && !options.sla) {
    throw new FtparseError(msg.ruleNeedsSla(needSla[0]!.expr, needSla[0]!.origin.label), {
      exitCode: ExitCode.Usage,
      hint: "give --sla SECONDS (successful requests slower than that count as violations)",
    });
  }
  // 1–2. discover and ingest every PATH (one run each), in memory or kept in --db
  const { db, loaded } = await openAndLoad(options, effects);
  try {
    // 3. the summary rows, as the JSON objects `--format json` prints (every known metric key)
    const select = options.select ?? ALL_ROWS;
    const rows = selectRows(await summaryRows(db, loaded, options.sla, options.ext), select);
    const issueCount = await collectIssues(db, loaded.runIds, effects, loaded.shownPath);
    if (rows.length === 0) {
      flushWarnings(effects);
      throw new FtparseError(msg.noUsableInput(loaded.scenarioCount), { exitCode: ExitCode.Usage });
    }
    const sla = options.sla !== undefined && options.sla !== 0;
    const objects = summaryObjects(rows, {
      sla,
      color: false,
      extraKeys: metricKeysBeyondSummary(),
      sort: select.sort,
    });
    // 4. every rule on every scenario in its scope; a scenario that was found but not read has no row,
    // and fails the rules that would apply to it (the gate must not pass on data it never saw)
    const unread = (await scenariosWithoutRequests(db, loaded.runIds)).map((s) => ({
      row: {
        test_group: s.test_group,
        failure: s.failure,
        layout: s.layout,
        scenario_dir: loaded.shownPath ? loaded.shownPath(String(s.dir)) : s.dir,
        run: loaded.runNames.get(Number(s.run_id)) ?? String(s.run_id),
        scenario_id: s.scenario_id,
      },
      reason: msg.noReadableRequest,
    }));
    const report = evaluateRules(selected.rules, objects, {
      // --group/--failure choose unread scenarios as they choose rows
      rows: unread.filter((u) => isSelected(u.row, select)),
      allow: Boolean(options.allowUnreadable),
    });
    for (const rule of report.unmatched) {
      if (!rule.origin.builtin) {
        effects.warnings.add({ message: msg.ruleMatchedNothing(rule.expr, rule.origin.label) });
      }
    }
    if (report.counts.checks === 0 && report.counts.unreadable === 0) {
      flushWarnings(effects);
      throw new FtparseError(msg.checkNothingInScope(report.counts.rules, report.counts.scenarios), {
        exitCode: ExitCode.Usage,
        hint: "scopes match test groups, failures and layouts by glob, e.g. group=agg-* failure!=none",
      });
    }
    // 5. render: stdout, JUnit XML, step summary
    const renderOptions = {
      sources: selected.sources,
      sla,
      color: effects.color,
      width: effects.stdoutColumns,
    };
    effects.stdout.write(renderCheck(report, options.format, renderOptions));
    if (options.junit) {
      await writeFileAtomic(
        options.junit,
        renderJUnit(report, { timestamp: effects.now(), sources: selected.sources }),
      );
    }
    await writeStepSummaries(options, renderStepSummary(report, { sources: selected.sources, sla }), effects);
    // 6. the verdict, on stderr with the warnings
    flushWarnings(effects);
    effects.stderr.write(verdict(report));
    failIfStrict(options.strict, issueCount);
    return report.ok ? ExitCode.Ok : ExitCode.CheckFailed;
  } finally {
    db.close();
  }
}

/** `--summary FILE` is replaced; `$GITHUB_STEP_SUMMARY` is appended to, as GitHub expects of steps. */
async function writeStepSummaries(options: CheckOptions, markdown: string, effects: Effects): Promise<void> {
  if (options.summary) await writeFileAtomic(options.summary, markdown);
  const github = options.githubStepSummary;
  if (github && (!options.summary || resolve(github) !== resolve(options.summary))) {
    // GitHub's file is the runner's, not the user's: failing to add to it is told, and the verdict
    // (a breach's exit 1) stands.
    await appendFile(github, markdown).catch((e: NodeJS.ErrnoException) =>
      effects.warnings.add({ file: github, message: `cannot add the step summary: ${e.code ?? e.message}` }),
    );
  }
}

function verdict(report: CheckReport): string {
  const c = report.counts;
  // with several runs, one verdict line per run, and every failing line names its run
  const runs = runVerdicts(report);
  const manyRuns = runs.length > 1;
  const perRun = manyRuns ? runs.map((v) => `  ${runVerdictLine(v)}`) : [];
  const unread = report.unreadable.map(
    (u) => `  ${scenarioLabel(u.row, manyRuns)}: ${u.reason} (${String(u.row.scenario_dir)})`,
  );
  const allowed = report.unreadable.some((u) => u.allowed);
  const unreadNote = c.unreadable > 0 ? [msg.checkUnreadable(c.unreadable, allowed), ...unread] : [];
  if (report.ok)
    return [msg.checkPassed(c.checks, c.scenarios, c.skipped), ...unreadNote, ...perRun].join("\n") + "\n";
  const failed = report.results.filter(isFailure);
  const lines = failed
    .slice(0, VERDICT_LINES)
    .map((r) => `  ${scenarioLabel(r.row, manyRuns)}: ${r.rule.name}: ${explain(r)}`);
  if (failed.length > VERDICT_LINES) lines.push(`  … and ${failed.length - VERDICT_LINES} more`);
  if (c.missing > 0) lines.push(msg.checkMissingHint);
  const head =
    failed.length === 0
      ? msg.checkFailedUnread(c.unreadable, c.checks, c.scenarios)
      : msg.checkFailed(failed.length, c.checks, c.breached, c.missing, c.scenarios);
  return [head, ...lines, ...unreadNote, ...perRun].join("\n") + "\n";
}

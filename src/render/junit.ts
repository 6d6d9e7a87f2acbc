/**
 * `ftparse check` as JUnit XML, the shape CI systems read (Ant/Jenkins/Surefire style):
 *
 *   <testsuites name tests failures errors skipped time>
 *     <testsuite name=TEST_GROUP tests failures errors skipped time timestamp>   one per test group
 *                                          (several runs: one per run × group, named RUN/TEST_GROUP)
 *       <properties><property name value/>…</properties>
 *       <testcase name="FAILURE: RULE" classname="TEST_GROUP.FAILURE" time>       one per scenario × rule
 *         <failure message type>details</failure>  |  <skipped message/>
 *
 * A breached rule and a missing value are both `<failure>` (type `breach` / `missing`): both fail the
 * gate. `allow-missing` turns a missing value into `<skipped>`. A scenario directory that was found but
 * yielded no request gets one testcase `FAILURE: readable input`, a `<failure type="unreadable">` saying
 * why (`<skipped>` under --allow-unreadable). Nothing here is an `<error>`: input that cannot be read at
 * all stops `ftparse check` with exit 2 before any report is written.
 */
import {
  explain,
  formatMeasured,
  groupsInOrder,
  resultsByRow,
  runVerdicts,
  type CheckReport,
  type CheckResult,
  type UnreadableScenario,
} from "../check/evaluate.js";

export interface JUnitOptions {
  /** When the check ran (UTC, written without zone as the JUnit schema wants). */
  timestamp: Date;
  /** Rule sources applied, recorded as a property. */
  sources: readonly string[];
}

export function renderJUnit(report: CheckReport, options: JUnitOptions): string {
  const stamp = options.timestamp.toISOString().slice(0, 19);
  const classNames = scenarioClassNames(report);
  const byRow = resultsByRow(report.results);
  const unreadByRow = new Map(report.unreadable.map((u) => [u.row, u]));
  const suites: string[] = [];
  const runs = runVerdicts(report).map((v) => v.run);
  const manyRuns = runs.length > 1;
  // scenarios found but not read have no summary row; they are testcases of their group all the same
  const allRows = [...report.rows, ...unreadByRow.keys()];
  const suiteGroups = manyRuns
    ? runs.flatMap((run) =>
        groupsInOrder(allRows.filter((r) => String(r.run) === run)).map((g) => ({
          ...g,
          run,
          name: `${run}/${g.name}`,
        })),
      )
    : groupsInOrder(allRows).map((g) => ({ ...g, run: undefined }));
  for (const group of suiteGroups) {
    const results = group.rows.flatMap((row) => byRow.get(row) ?? []);
    const unread = group.rows.flatMap((row) => unreadByRow.get(row) ?? []);
    const cases = [
      ...results.map((r) => testCase(r, classNames.get(r.row)!)),
      ...unread.map((u) => unreadableCase(u, classNames.get(u.row)!)),
    ];
    suites.push(
      `  <testsuite${attrs({
        name: group.name,
        tests: cases.length,
        failures:
          results.filter((r) => r.status === "breach" || r.status === "missing").length +
          unread.filter((u) => !u.allowed).length,
        errors: 0,
        skipped:
          results.filter((r) => r.status === "skipped").length + unread.filter((u) => u.allowed).length,
        time: 0,
        timestamp: stamp,
      })}>\n` +
        `    <properties>\n` +
        `      <property${attrs({ name: "ftparse.rules", value: options.sources.join("; ") })}/>\n` +
        `      <property${attrs({ name: "ftparse.scenarios", value: group.rows.length })}/>\n` +
        (group.run === undefined
          ? ""
          : `      <property${attrs({ name: "ftparse.run", value: group.run })}/>\n`) +
        `    </properties>\n` +
        cases.join("") +
        `  </testsuite>\n`,
    );
  }
  const c = report.counts;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<testsuites${attrs({
      name: "ftparse check",
      tests: c.checks + c.unreadable,
      failures: c.failed,
      errors: 0,
      skipped: c.skipped + report.unreadable.filter((u) => u.allowed).length,
      time: 0,
    })}>\n` +
    suites.join("") +
    `</testsuites>\n`
  );
}

function testCase(r: CheckResult, classname: string): string {
  const open = `    <testcase${attrs({ name: `${String(r.row.failure)}: ${r.rule.name}`, classname, time: 0 })}`;
  switch (r.status) {
    case "pass":
      return `${open}/>\n`;
    case "skipped":
      return `${open}>\n      <skipped${attrs({ message: explain(r) })}/>\n    </testcase>\n`;
    case "breach":
    case "missing": {
      const details = [
        `rule: ${r.rule.expr}`,
        `from: ${r.rule.origin.label}`,
        `scenario: ${String(r.row.scenario_dir)}`,
        `measured: ${measured(r)}`,
        `bound: ${r.rule.op} ${r.rule.boundText}`,
        ...(r.status === "missing" ? ["(a rule fails on N/A unless it says allow-missing)"] : []),
      ].join("\n");
      return (
        `${open}>\n      <failure${attrs({ message: explain(r), type: r.status })}>${text(details)}</failure>\n` +
        `    </testcase>\n`
      );
    }
  }
}

function unreadableCase(u: UnreadableScenario, classname: string): string {
  const open = `    <testcase${attrs({ name: `${String(u.row.failure)}: readable input`, classname, time: 0 })}`;
  if (u.allowed)
    return `${open}>\n      <skipped${attrs({ message: `${u.reason} (--allow-unreadable)` })}/>\n    </testcase>\n`;
  const details = [
    `scenario: ${String(u.row.scenario_dir)}`,
    `why: ${u.reason}: the directory was found, but nothing in it could be checked`,
    "(pass --allow-unreadable to accept scenarios that cannot be read)",
  ].join("\n");
  return (
    `${open}>\n      <failure${attrs({ message: u.reason, type: "unreadable" })}>${text(details)}</failure>\n` +
    `    </testcase>\n`
  );
}

/** The raw value, and how it reads when that differs (`76.111215 (76.11 s)`). */
function measured(r: CheckResult): string {
  if (r.value === null) return "N/A";
  const shown = formatMeasured(r.rule.metric, r.value);
  return shown === String(r.value) ? shown : `${r.value} (${shown})`;
}

/**
 * `group.failure` (`run.group.failure` with several runs), with the scenario directory added when two
 * scenarios would share the name.
 */
function scenarioClassNames(report: CheckReport): Map<unknown, string> {
  const manyRuns = runVerdicts(report).length > 1;
  const base = (row: Record<string, unknown>) =>
    `${manyRuns ? `${String(row.run)}.` : ""}${String(row.test_group)}.${String(row.failure)}`;
  const rows = [...report.rows, ...report.unreadable.map((u) => u.row)];
  const seen = new Map<string, number>();
  for (const row of rows) seen.set(base(row), (seen.get(base(row)) ?? 0) + 1);
  return new Map(
    rows.map((row) => [
      row,
      seen.get(base(row))! > 1 ? `${base(row)}[${String(row.scenario_dir)}]` : base(row),
    ]),
  );
}

function attrs(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([k, v]) => ` ${k}="${attribute(String(v))}"`)
    .join("");
}

/** XML 1.0 cannot carry most control characters at all, even escaped: they become U+FFFD. */
function xmlChars(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "\uFFFD");
}

function text(s: string): string {
  return xmlChars(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function attribute(s: string): string {
  return text(s)
    .replace(/"/g, "&quot;")
    .replace(/\n/g, "&#10;")
    .replace(/\r/g, "&#13;")
    .replace(/\t/g, "&#9;");
}

/** Wiring of `ftparse check`: threshold rules → exit code, JUnit XML, step summary. */
import { addSelectionOptions, normalizeSelection, type SelectionFlags } from "../select.js";
import { examples, type Wiring } from "./context.js";
import {
  addDebugOption,
  addFormatOption,
  addInputOptions,
  addKeepStoreOptions,
  addMetricOptions,
  collect,
  inputSettings,
  keepStoreSettings,
  metricSettings,
  normalizeFormat,
  type InputFlags,
  type MetricFlags,
  type StoreFlags,
} from "./flags.js";

interface CheckFlags extends InputFlags, MetricFlags, StoreFlags, SelectionFlags {
  rule?: string[];
  rules?: string[];
  ruleSet?: string[];
  junit?: string;
  summary?: string;
  stepSummary: boolean;
  format?: string;
  allowUnreadable?: boolean;
  debug?: boolean;
}

export function addCheckCommand({ program, effects, exit, debug }: Wiring): void {
  const command = addSelectionOptions(program.command("check"))
    .description(
      "Gate CI on fault-tolerance results: check threshold rules (e.g. recovery_s<=60) on every scenario, " +
        "exit 1 when one is breached, and write JUnit XML and a Markdown step summary.",
    )
    .argument("<paths...>", "result trees: scenario directories or folders of them, at any depth")
    .option(
      "-r, --rule <expr>",
      "a rule: METRIC OP NUMBER [group=GLOB] [failure=GLOB] [layout=GLOB] [allow-missing]",
      collect,
    )
    .option(
      "--rules <file>",
      "a rules file (YAML or JSON) of named rule sets; its `default` (or only) set applies",
      collect,
    )
    .option("--rule-set <name>", 'apply this named set (from --rules files, or built-in: "dynamo")', collect)
    .option(
      "--junit <file>",
      "write JUnit XML: one testsuite per test group, one testcase per scenario × rule",
    )
    .option("--summary <file>", "write the Markdown summary (also appended to $GITHUB_STEP_SUMMARY when set)")
    .option("--no-step-summary", "do not append to $GITHUB_STEP_SUMMARY");
  addFormatOption(
    command,
    "stdout: table (default, also when piped: CI logs are read by people) | markdown | csv | json",
  );
  addInputOptions(command);
  addMetricOptions(command, { bucket: false });
  addKeepStoreOptions(command, { lake: false, wait: true }).option(
    "--allow-unreadable",
    "a scenario found but not read (no readable client request) is reported, not failed",
  );
  addDebugOption(command)
    .addHelpText(
      "after",
      '\nWithout --rule, --rules or --rule-set the built-in set "dynamo" applies (Dynamo\'s own checkers).\n' +
        "A scenario whose metric is N/A fails the rule unless the rule says allow-missing.\n" +
        "\nExit codes: 0 every rule holds · 1 a rule is breached (or its metric is missing, or a scenario " +
        "could not be read) · " +
        "2 bad rule or usage, no usable input, or --strict issues · 3 internal error\n" +
        examples(
          "ftparse check results/",
          "ftparse check results/ --rule 'recovery_s<=60' --rule 'success_rate_after>=0.9 group=agg-*' --junit junit.xml",
          "ftparse check results/ --rules ci/rules.yaml --rule-set nightly --summary summary.md",
        ),
    )
    .action(async (paths: string[], flags: CheckFlags) => {
      debug(flags.debug);
      const { check } = await import("../commands/check.js");
      const { db, labels, waitSeconds } = keepStoreSettings(flags);
      exit(
        await check(
          {
            paths,
            rules: { exprs: flags.rule ?? [], files: flags.rules ?? [], sets: flags.ruleSet ?? [] },
            // A table even when piped: check runs in CI, whose logs people read; machines get --junit
            // or --format json.
            format: normalizeFormat(flags.format, true),
            junit: flags.junit,
            summary: flags.summary,
            githubStepSummary: flags.stepSummary ? process.env.GITHUB_STEP_SUMMARY || undefined : undefined,
            ...inputSettings(flags),
            ...metricSettings(flags),
            db,
            labels,
            waitSeconds,
            allowUnreadable: Boolean(flags.allowUnreadable),
            select: normalizeSelection(flags),
          },
          effects,
        ),
      );
    });
}

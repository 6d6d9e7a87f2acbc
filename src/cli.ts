/**
 * The switchboard: commander wiring only. Each command lives in commands/<name>.ts, is imported
 * lazily, and returns an exit code; errors end in the single catch below.
 */
import { existsSync } from "node:fs";
import { Command, CommanderError, Option } from "commander";
import { defaultEffects, type Effects } from "./effects.js";
import { environmentFault } from "./envFault.js";
import { ExitCode, FtparseError, usageError } from "./errors.js";
import { Warnings } from "./messages.js";
import { normalizeExtendedParams, normalizeFormat, normalizeNumber, normalizeTimezone } from "./options.js";
import {
  DEFAULT_WAIT_SECONDS,
  normalizeCount,
  normalizeStore,
  normalizeLabels,
  normalizeRunName,
  normalizeWait,
} from "./history/options.js";
import { applyConfig, CONFIG_FILE } from "./config.js";
import { normalizeMinDelta } from "./history/minDelta.js";
import { flushWarnings } from "./render/warnings.js";
import { closest } from "./suggest.js";
import { addSelectionOptions, normalizeSelection } from "./select.js";
import { VERSION } from "./version.js";

interface CommonFlags {
  format?: string;
  tz?: string;
  strict?: boolean;
  debug?: boolean;
}

/** Flags of every command that reads or writes a history database. */
interface DbFlags {
  db?: string;
  lake?: string;
  wait?: string;
  format?: string;
}

interface ReportFlags {
  aggregate?: boolean;
  last?: string;
  out?: string;
  sla?: string;
  extended?: boolean;
  window?: string;
  recoveredRatio?: string;
  bucket?: string;
  as?: string;
}

export async function main(
  argv: readonly string[],
  effects: Effects = defaultEffects(new Warnings()),
): Promise<number> {
  let exitCode: number = ExitCode.Ok;
  let debug = argv.includes("--debug");
  const program = new Command("ftparse")
    .description(
      "Turn fault-tolerance test results into answers: reads result trees (legacy, AI-Perf and event-harness " +
        "layouts) into DuckDB and prints, per test group, startup, successes/failures and latency before and " +
        "after the fault, and recovery time.",
    )
    .version(VERSION, "-V, --version")
    // Options after a subcommand's name belong to the subcommand (`check --format`, `run --out`).
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({
      writeOut: (s) => effects.stdout.write(s),
      writeErr: (s) => effects.stderr.write(s),
    })
    .showHelpAfterError("(run ftparse --help for usage)")
    .argument("[paths...]", "result trees: scenario directories or folders of them, at any depth")
    .addOption(formatOption())
    .option(
      "-o, --out <dir>",
      "also write summary.{csv,json,md}, timeline.csv, charts/*.{vl.json,svg,png} and report.html into DIR",
    )
    .option("--tz <zone>", "time zone of naive timestamps (client logs, test.log.txt)", "UTC")
    .option("--sla <seconds>", "add Violations Before/After: successful requests slower than SECONDS")
    .option("--strict", "exit with code 2 if any input line or file had to be skipped")
    .option("--db <file>", "keep the runs in this DuckDB file (history; idempotent) and report them")
    .option("--lake <dir>", "or keep them in this Parquet lake folder (docs/lake.md)")
    .option("--label <key=value>", "with --db: label the new runs (repeatable)", collect)
    .option(
      "--wait <seconds>",
      `with --db: wait up to SECONDS for another process using the file (default ${DEFAULT_WAIT_SECONDS})`,
    )
    .option("--extended", "tables and Markdown: add client-visible recovery, latency percentiles and errors")
    .option("--window <seconds>", "client-visible recovery: seconds the success ratio must hold", "10")
    .option(
      "--recovered-ratio <ratio>",
      "client-visible recovery: success ratio (0..1) of every second",
      "0.9",
    )
    .option("--bucket <seconds>", "timeline bucket size in seconds (--out timeline.csv and charts)", "1")
    .addOption(
      new Option(
        "--as <style>",
        "ftparse: the reference summary for every layout; dynamo: per scenario, the table Dynamo's own " +
          "parser of its generation prints (legacy table, AI-Perf summary, FaultToleranceReport)",
      )
        .choices(["ftparse", "dynamo"])
        .default("ftparse"),
    )
    .option("--aggregate", "one row per test group × failure across runs: runs, K_mean/_min/_max/_sd")
    .option("--last <n>", "with --db and no PATH: report the N most recent runs in the file")
    .option("--debug", "print stack traces of internal errors");
  addSelectionOptions(program)
    .addHelpText(
      "after",
      "\nExit codes: 0 ok · 1 a check rule was breached · 2 usage error, no usable input or --strict issues · 3 internal error\n" +
        "\nExamples:\n  ftparse results/\n  ftparse results/ --format json > summary.json\n  ftparse results/ --out report/ --sla 5\n  ftparse results/ --extended --window 5 --recovered-ratio 0.95\n  ftparse results/ --as dynamo\n",
    )
    .action(async (paths: string[], flags: CommonFlags & ReportFlags & DbFlags & SelectionFlags) => {
      debug = Boolean(flags.debug);
      if (paths.length === 0 && flags.db === undefined) {
        program.help({ error: true });
      }
      rejectMisspeltCommand(program, paths[0]!);
      if (flags.aggregate && flags.as === "dynamo")
        throw usageError("--aggregate and --as dynamo do not mix");
      if (flags.label !== undefined && flags.db === undefined && flags.lake === undefined) {
        throw new FtparseError("--label needs --db FILE (labels are kept with the runs)", {
          exitCode: ExitCode.Usage,
        });
      }
      const { report } = await import("./commands/report.js");
      exitCode = await report(
        {
          paths,
          format: normalizeFormat(flags.format, effects.stdoutIsTTY),
          out: flags.out,
          tz: normalizeTimezone(flags.tz),
          sla: normalizeNumber("--sla", flags.sla, { min: 0 }),
          strict: Boolean(flags.strict),
          as: flags.as === "dynamo" ? "dynamo" : "ftparse",
          extended: Boolean(flags.extended),
          ext: normalizeExtendedParams(flags),
          // Only an explicit --db keeps runs ($FTPARSE_DB is for the history commands).
          db: flags.db,
          lake: flags.lake,
          labels: normalizeLabels(flags.label),
          waitSeconds: normalizeWait(flags.wait),
          select: normalizeSelection(flags),
          aggregate: Boolean(flags.aggregate),
          last: normalizeCount("--last", flags.last),
        },
        effects,
      );
    });

  // ── History (README "History"): ingest, runs, trend, compare, query, export ──────────────────────
  const historyCommand = (name: string, description: string) =>
    program
      .command(name)
      .description(description)
      .option("--db <file>", "the history database (DuckDB file); default: $FTPARSE_DB")
      .option("--lake <dir>", "instead of --db: a Parquet lake folder (docs/lake.md)")
      .option(
        "--wait <seconds>",
        `wait up to SECONDS while another process uses the database (default ${DEFAULT_WAIT_SECONDS})`,
      )
      .addOption(formatOption())
      .option("--debug", "print stack traces of internal errors");

  historyCommand(
    "ingest",
    "append one run per results tree to the database (a tree already there is skipped)",
  )
    .argument("[paths...]", "result trees (none: just create or upgrade the database)")
    .option("--label <key=value>", "label the new runs, e.g. commit=abc123 (repeatable)", collect)
    .option("--run-id <name>", "name the run (one tree), e.g. nightly-2026-01-05; usable in compare")
    .option("--tz <zone>", "time zone of naive timestamps (client logs, test.log.txt)", "UTC")
    .option("--strict", "exit with code 2 if any input line or file had to be skipped")
    .addHelpText(
      "after",
      "\nExamples:\n  ftparse ingest results/2026-01-05 --db history.duckdb --label commit=abc123\n",
    )
    .action(
      async (
        paths: string[],
        flags: DbFlags & { label?: string[]; runId?: string; tz?: string; strict?: boolean },
      ) => {
        const { ingest } = await import("./commands/ingest.js");
        exitCode = await ingest(
          {
            paths,
            ...normalizeStore("ingest", flags),
            format: normalizeFormat(flags.format, effects.stdoutIsTTY),
            tz: normalizeTimezone(flags.tz),
            labels: normalizeLabels(flags.label),
            runName: normalizeRunName(flags.runId),
            waitSeconds: normalizeWait(flags.wait),
            strict: Boolean(flags.strict),
          },
          effects,
        );
      },
    );

  historyCommand("runs", "list the runs in the database, oldest first")
    .option("--last <n>", "only the N most recent runs")
    .option("--label <key=value>", "only runs with this label (repeatable: all must match)", collect)
    .addHelpText(
      "after",
      "\nExamples:\n  ftparse runs --db history.duckdb --last 10\n  ftparse runs --db history.duckdb --label commit=abc123 --format csv\n",
    )
    .action(async (flags: DbFlags & { last?: string; label?: string[] }) => {
      const { runs } = await import("./commands/runs.js");
      exitCode = await runs(
        {
          ...normalizeStore("runs", flags),
          format: normalizeFormat(flags.format, effects.stdoutIsTTY),
          last: normalizeCount("--last", flags.last),
          labels: normalizeLabels(flags.label),
          waitSeconds: normalizeWait(flags.wait),
        },
        effects,
      );
    });

  historyCommand("trend", "one metric across runs, per test group and failure")
    .requiredOption("--metric <name>", "the metric, e.g. recovery_s (a wrong name lists them all)")
    .option("--group <name>", "only this test group (exact name or glob, e.g. 'disagg-*')")
    .option("--failure <name>", "only this failure (exact name or glob)")
    .option("--last <n>", "only the N most recent runs")
    .option("--chart <file>", "also write the chart: FILE.vl.json (Vega-Lite spec), .svg, .png or .html")
    .addHelpText(
      "after",
      "\nExamples:\n  ftparse trend --metric recovery_s --failure frontend --last 30 --db history.duckdb\n",
    )
    .action(
      async (
        flags: DbFlags & { metric: string; group?: string; failure?: string; last?: string; chart?: string },
      ) => {
        const { trend } = await import("./commands/trend.js");
        exitCode = await trend(
          {
            ...normalizeStore("trend", flags),
            format: normalizeFormat(flags.format, effects.stdoutIsTTY),
            metric: flags.metric,
            group: flags.group,
            failure: flags.failure,
            last: normalizeCount("--last", flags.last),
            chart: flags.chart,
            waitSeconds: normalizeWait(flags.wait),
          },
          effects,
        );
      },
    );

  historyCommand("compare", "every metric of run A next to run B, regressions flagged")
    .argument("<a>", "the baseline run: its number, its --run-id, latest or latest~N")
    .argument("<b>", "the run to judge")
    .option("--threshold <percent>", "a change the wrong way by more than PERCENT of A is a regression", "10")
    .option(
      "--min-delta <floor>",
      "and by more than this per unit: 1s, 2pp, 5count (defaults 1s 1pp)",
      collect,
    )
    .option("--counts", "judge counts (success_before, …) even when the runs sent different loads")
    .option("--metric <name>", "only this metric (repeatable)", collect)
    .option("--only-changes", "leave out the metrics that stayed within the threshold")
    .option("--fail-on-regression", "exit with code 1 if any metric regressed")
    .addHelpText(
      "after",
      "\nExamples:\n  ftparse compare latest~1 latest --db history.duckdb --threshold 5\n" +
        "  ftparse compare 1 2 --db history.duckdb --min-delta 0.5s --min-delta 2pp --fail-on-regression\n",
    )
    .action(
      async (
        a: string,
        b: string,
        flags: DbFlags & {
          threshold: string;
          minDelta?: string[];
          counts?: boolean;
          metric?: string[];
          onlyChanges?: boolean;
          failOnRegression?: boolean;
        },
      ) => {
        const { compare } = await import("./commands/compare.js");
        exitCode = await compare(
          {
            ...normalizeStore("compare", flags),
            format: normalizeFormat(flags.format, effects.stdoutIsTTY),
            a,
            b,
            threshold: normalizeNumber("--threshold", flags.threshold.replace(/%$/, ""), { min: 0 })! / 100,
            minDelta: normalizeMinDelta(flags.minDelta),
            counts: Boolean(flags.counts),
            metrics: flags.metric,
            onlyChanges: Boolean(flags.onlyChanges),
            failOnRegression: Boolean(flags.failOnRegression),
            waitSeconds: normalizeWait(flags.wait),
          },
          effects,
        );
      },
    );

  historyCommand("query", "run SQL over the database's tables and documented views (read-only)")
    .argument("[sql]", "the SQL (the last statement's rows are printed)")
    .option("--file <file>", "read the SQL from FILE (e.g. queries/examples/*.sql)")
    .addHelpText(
      "after",
      '\nExamples:\n  ftparse query "SELECT run_id, labels FROM run_overview" --db history.duckdb --format csv\n',
    )
    .action(async (sql: string | undefined, flags: DbFlags & { file?: string }) => {
      const { query } = await import("./commands/query.js");
      exitCode = await query(
        {
          ...normalizeStore("query", flags),
          format: normalizeFormat(flags.format, effects.stdoutIsTTY),
          sql,
          file: flags.file,
          waitSeconds: normalizeWait(flags.wait),
        },
        effects,
      );
    });

  historyCommand("export", "write every table as Parquet and Arrow IPC files (pandas, polars, pyarrow)")
    .requiredOption("--out <dir>", "the folder to write <table>.parquet and <table>.arrow into")
    .option("--only <kind>", "only parquet or only arrow")
    .option("--tables <names>", "only these tables (comma-separated)")
    .addHelpText(
      "after",
      "\nExamples:\n  ftparse export --db history.duckdb --out export/\n  ftparse export --db history.duckdb --out export/ --only parquet --tables runs,scenarios\n",
    )
    .action(async (flags: DbFlags & { out: string; only?: string; tables?: string }) => {
      const { exportTables, EXPORT_KINDS } = await import("./commands/export.js");
      const only = flags.only?.toLowerCase();
      if (only !== undefined && !(EXPORT_KINDS as readonly string[]).includes(only)) {
        throw new FtparseError(`--only expects parquet or arrow, got "${flags.only}"`, {
          exitCode: ExitCode.Usage,
        });
      }
      exitCode = await exportTables(
        {
          ...normalizeStore("export", flags),
          out: flags.out,
          format: normalizeFormat(flags.format, effects.stdoutIsTTY),
          kinds: only === undefined ? EXPORT_KINDS : [only as (typeof EXPORT_KINDS)[number]],
          tables: flags.tables
            ?.split(",")
            .map((t) => t.trim())
            .filter(Boolean),
          waitSeconds: normalizeWait(flags.wait),
        },
        effects,
      );
    });

  // ftparse check: threshold rules → exit code, JUnit XML, step summary
  addSelectionOptions(program.command("check"))
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
    .option("--no-step-summary", "do not append to $GITHUB_STEP_SUMMARY")
    .option(
      "-f, --format <format>",
      "stdout: table (default, also when piped: CI logs are read by people) | markdown | csv | json",
    )
    .option("--tz <zone>", "time zone of naive timestamps (client logs, test.log.txt)", "UTC")
    .option("--sla <seconds>", "count violations_before/after: successful requests slower than SECONDS")
    .option("--window <seconds>", "recovered_s: seconds the success ratio must hold", "10")
    .option("--recovered-ratio <ratio>", "recovered_s: success ratio every second of the window needs", "0.9")
    .option("--db <file>", "also keep the checked runs in this DuckDB file (history; idempotent)")
    .option("--label <key=value>", "with --db: label the new runs (repeatable)", collect)
    .option(
      "--wait <seconds>",
      `with --db: wait up to SECONDS for another process using the file (default ${DEFAULT_WAIT_SECONDS})`,
    )
    .option("--strict", "exit with code 2 if any input line or file had to be skipped")
    .option(
      "--allow-unreadable",
      "a scenario found but not read (no readable client request) is reported, not failed",
    )
    .option("--debug", "print stack traces of internal errors")
    .addHelpText(
      "after",
      '\nWithout --rule, --rules or --rule-set the built-in set "dynamo" applies (Dynamo\'s own checkers).\n' +
        "A scenario whose metric is N/A fails the rule unless the rule says allow-missing.\n" +
        "\nExit codes: 0 every rule holds · 1 a rule is breached (or its metric is missing, or a scenario " +
        "could not be read) · " +
        "2 bad rule or usage, no usable input, or --strict issues · 3 internal error\n" +
        "\nExamples:\n  ftparse check results/\n" +
        "  ftparse check results/ --rule 'recovery_s<=60' --rule 'success_rate_after>=0.9 group=agg-*' --junit junit.xml\n" +
        "  ftparse check results/ --rules ci/rules.yaml --rule-set nightly --summary summary.md\n",
    )
    .action(async (paths: string[], flags: CheckFlags) => {
      debug = Boolean(flags.debug);
      const { check } = await import("./commands/check.js");
      exitCode = await check(
        {
          paths,
          rules: { exprs: flags.rule ?? [], files: flags.rules ?? [], sets: flags.ruleSet ?? [] },
          // A table even when piped: check runs in CI, whose logs people read; machines get --junit
          // or --format json.
          format: normalizeFormat(flags.format, true),
          junit: flags.junit,
          summary: flags.summary,
          githubStepSummary: flags.stepSummary ? process.env.GITHUB_STEP_SUMMARY || undefined : undefined,
          tz: normalizeTimezone(flags.tz),
          ext: normalizeExtendedParams(flags),
          db: flags.db,
          labels: normalizeLabels(flags.label),
          waitSeconds: normalizeWait(flags.wait),
          sla: normalizeNumber("--sla", flags.sla, { min: 0 }),
          strict: Boolean(flags.strict),
          allowUnreadable: Boolean(flags.allowUnreadable),
          select: normalizeSelection(flags),
        },
        effects,
      );
    });

  program
    .command("run")
    .description(
      "Run a fault-tolerance scenario on this machine: start a local deployment (built-in OpenAI-compatible " +
        "frontend and workers, or your own commands), drive rate-limited clients, inject the fault, restart " +
        "what a Kubernetes controller would, collect the logs in the legacy layout, then print the summary.",
    )
    .option("--scenario <file>", "scenario YAML file (may start from a preset: deployment:, failure:)")
    .option("--deployment <name>", "preset deployment (see --list)")
    .option("--failure <name>", "preset failure (see --list)")
    .option("--clients <n>", "number of concurrent clients")
    .option("--requests <n>", "requests per client")
    .option("--fault-at <seconds>", "inject the fault this many seconds after the clients start")
    .option("--model <name>", "model name served and requested")
    .option("-o, --out <dir>", "where to write test_fault_scenario[<deployment>-<failure>]/")
    .option("--force", "replace that scenario directory if it already exists")
    .option("--list", "list the preset deployments and failures, then exit")
    .option("--db <file>", "also keep the produced run in this DuckDB file (history)")
    .option("--label <key=value>", "with --db: label the run (repeatable)", collect)
    .addOption(formatOption())
    .option("--debug", "print stack traces of internal errors")
    .addHelpText(
      "after",
      "\nExamples:\n  ftparse run --deployment agg-tp-1-dp-2 --failure decode_worker --out results/\n" +
        "  ftparse run --scenario my-scenario.yaml --clients 4 --requests 30 --fault-at 10 --out results/\n" +
        "\nTimes in client_N.log.txt and test.log.txt are written in UTC (read them with the default --tz UTC).\n",
    )
    .action(async (flags: RunFlags) => {
      debug = Boolean(flags.debug);
      if (flags.list) {
        const { presetList } = await import("./runner/presets.js");
        effects.stdout.write(presetList());
        return;
      }
      if (!flags.out)
        throw usageError(
          "ftparse run needs --out DIR",
          "e.g. ftparse run --deployment agg-tp-1-dp-1 --failure frontend --out results/",
        );
      const { run } = await import("./commands/run.js");
      exitCode = await run(
        {
          scenario: {
            file: flags.scenario,
            deployment: flags.deployment,
            failure: flags.failure,
            clients: normalizeNumber("--clients", flags.clients, { min: 1 }),
            requests: normalizeNumber("--requests", flags.requests, { min: 1 }),
            faultAt: normalizeNumber("--fault-at", flags.faultAt, { min: 0 }),
            model: flags.model,
          },
          out: flags.out,
          force: Boolean(flags.force),
          format: normalizeFormat(flags.format, effects.stdoutIsTTY),
          db: flags.db,
          labels: normalizeLabels(flags.label),
        },
        effects,
      );
    });

  program
    .command("completion")
    .description("print a shell completion script: ftparse completion bash >> ~/.bashrc")
    .argument("<shell>", "bash | zsh | fish")
    .action(async (shell: string) => {
      const { completionScript } = await import("./completion.js");
      effects.stdout.write(completionScript(program, shell));
    });

  // the defaults file (config.ts, docs/config.md) fills what the command line left unset
  for (const c of [program, ...program.commands])
    c.option("--config <file>", `defaults file (default: the nearest ${CONFIG_FILE} upward)`);
  program.hook("preAction", (_, command) => applyConfig(command, command.opts<{ config?: string }>().config));
  for (const c of [program, ...program.commands.filter((c) => ["ingest", "check", "run"].includes(c.name()))])
    c.option("--quiet", "print one line with the number of input warnings instead of each").option(
      "--max-warnings <n>",
      "exit with code 2 when there are more than N input warnings",
    );
  // usage errors point to the help of the command they came from
  for (const c of program.commands) c.showHelpAfterError(`(run ftparse ${c.name()} --help for usage)`);
  // --quiet is read before the command runs (warnings are printed while it runs)
  effects.warnings.quiet = argv.includes("--quiet");
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (e) {
    exitCode = handleError(e, effects, debug, wantsJson(argv));
    return exitCode;
  }
  return (exitCode === ExitCode.Ok && tooManyWarnings(argv, effects)) || exitCode;
}

/** --max-warnings N: more input warnings than N turn a success into exit 2 (as eslint's flag does). */
function tooManyWarnings(argv: readonly string[], effects: Effects): number | undefined {
  const i = argv.findIndex((a) => a === "--max-warnings" || a.startsWith("--max-warnings="));
  if (i < 0) return undefined;
  const raw = argv[i]!.includes("=") ? argv[i]!.split("=")[1] : argv[i + 1];
  const max = Number(raw);
  if (raw === undefined || raw.trim() === "" || !Number.isInteger(max) || max < 0) {
    effects.stderr.write(`ftparse: --max-warnings expects a whole number ≥ 0, got "${raw ?? ""}"\n`);
    return ExitCode.Usage;
  }
  const n = effects.warnings.shown;
  if (n <= max) return undefined;
  effects.stderr.write(`ftparse: ${n} input warnings, more than --max-warnings ${max}\n`);
  return ExitCode.Usage;
}

/** --group, --failure, --sort (select.ts), and --label, on the report and on check. */
interface SelectionFlags {
  label?: string[];
  group?: string[];
  failure?: string[];
  sort?: string;
}

interface CheckFlags extends CommonFlags, DbFlags, SelectionFlags {
  rule?: string[];
  rules?: string[];
  ruleSet?: string[];
  junit?: string;
  summary?: string;
  stepSummary: boolean;
  sla?: string;
  window?: string;
  recoveredRatio?: string;
  allowUnreadable?: boolean;
}

/** Repeatable options: `--rule A --rule B` → ["A", "B"]. */
function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

interface RunFlags {
  db?: string;
  label?: string[];
  scenario?: string;
  deployment?: string;
  failure?: string;
  clients?: string;
  requests?: string;
  faultAt?: string;
  model?: string;
  out?: string;
  force?: boolean;
  list?: boolean;
  format?: string;
  debug?: boolean;
}

function formatOption(): Option {
  return new Option(
    "-f, --format <format>",
    "output format: table | markdown | csv | json (default: table on a terminal, json when piped)",
  );
}

/** `ftparse chekc results/`: a misspelt command, not a path, gets a suggestion instead of "not found". */
function rejectMisspeltCommand(program: Command, first: string): void {
  if (existsSync(first)) return;
  const near = closest(
    first,
    program.commands.map((c) => c.name()),
  );
  if (near) throw usageError(`unknown command "${first}" (did you mean ${near}?)`, `ftparse ${near} --help`);
}

/** `--format json` anywhere: errors go to stderr as JSON too, for the script reading the output. */
function wantsJson(argv: readonly string[]): boolean {
  return argv.some(
    (a, i) =>
      /^--format=json$/i.test(a) ||
      ((a === "--format" || a === "-f") && argv[i + 1]?.toLowerCase() === "json"),
  );
}

function handleError(e: unknown, effects: Effects, debug: boolean, json = false): number {
  if (e instanceof CommanderError) {
    // --help and --version end here too, with exit code 0 (commander has printed its message).
    return e.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
  }
  flushWarnings(effects);
  if (json) {
    const known = e instanceof FtparseError;
    const where = known && e.file ? `${e.file}${e.line ? `:${e.line}` : ""}: ` : "";
    const error = known ? `${where}${e.message}` : `internal error: ${(e as Error)?.message ?? String(e)}`;
    const exit = known ? e.exitCode : ExitCode.Internal;
    effects.stderr.write(`${JSON.stringify({ error, exit, hint: known ? (e.hint ?? null) : null })}\n`);
    return exit;
  }
  if (e instanceof FtparseError) {
    const where = e.file ? `${e.file}${e.line ? `:${e.line}` : ""}: ` : "";
    effects.stderr.write(`ftparse: ${where}${e.message}\n`);
    if (e.hint) effects.stderr.write(`hint: ${e.hint}\n`);
    if (debug && e.stack) effects.stderr.write(`${e.stack}\n`);
    return e.exitCode;
  }
  // A full disk, a folder that may not be written, … : the user's to fix, not a bug (envFault.ts).
  const fault = environmentFault(e);
  if (fault) return handleError(fault, effects, debug);
  const err = e as Error;
  effects.stderr.write(`ftparse: internal error: ${err?.message ?? String(e)}\n`);
  effects.stderr.write(
    debug && err?.stack ? `${err.stack}\n` : "(run again with --debug for details, and please report it)\n",
  );
  return ExitCode.Internal;
}

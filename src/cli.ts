/**
 * The switchboard: commander wiring only. Each command lives in commands/<name>.ts, is imported
 * lazily, and returns an exit code; errors end in the single catch below.
 */
import { Command, CommanderError, Option } from "commander";
import { defaultEffects, type Effects } from "./effects.js";
import { ExitCode, FtparseError, usageError } from "./errors.js";
import { Warnings } from "./messages.js";
import { normalizeFormat, normalizeNumber, normalizeTimezone } from "./options.js";
import { flushWarnings } from "./render/warnings.js";
import { VERSION } from "./version.js";

interface CommonFlags {
  format?: string;
  tz?: string;
  strict?: boolean;
  debug?: boolean;
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
    .exitOverride()
    // Options after a subcommand's name belong to the subcommand (`ftparse run --out DIR`).
    .enablePositionalOptions()
    .configureOutput({
      writeOut: (s) => effects.stdout.write(s),
      writeErr: (s) => effects.stderr.write(s),
    })
    .showHelpAfterError("(run ftparse --help for usage)")
    .argument("[paths...]", "result trees: scenario directories or folders of them, at any depth")
    .addOption(formatOption())
    .option("-o, --out <dir>", "also write summary.csv, summary.json and summary.md into DIR")
    .option("--tz <zone>", "time zone of naive timestamps (client logs, test.log.txt)", "UTC")
    .option("--sla <seconds>", "add Violations Before/After: successful requests slower than SECONDS")
    .option("--strict", "exit with code 2 if any input line or file had to be skipped")
    .option("--debug", "print stack traces of internal errors")
    .addHelpText(
      "after",
      "\nExit codes: 0 ok · 1 a check rule was breached · 2 usage error, no usable input or --strict issues · 3 internal error\n" +
        "\nExamples:\n  ftparse results/\n  ftparse results/ --format json > summary.json\n  ftparse results/ --out report/ --sla 5\n",
    )
    .action(async (paths: string[], flags: CommonFlags & { out?: string; sla?: string }) => {
      debug = Boolean(flags.debug);
      if (paths.length === 0) {
        program.help({ error: true });
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
        },
        effects,
      );
    });

  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (e) {
    exitCode = handleError(e, effects, debug);
  }
  return exitCode;
}

interface RunFlags {
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

function handleError(e: unknown, effects: Effects, debug: boolean): number {
  if (e instanceof CommanderError) {
    // --help and --version end here too, with exit code 0.
    return e.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
  }
  flushWarnings(effects);
  if (e instanceof FtparseError) {
    const where = e.file ? `${e.file}${e.line ? `:${e.line}` : ""}: ` : "";
    effects.stderr.write(`ftparse: ${where}${e.message}\n`);
    if (e.hint) effects.stderr.write(`hint: ${e.hint}\n`);
    if (debug && e.stack) effects.stderr.write(`${e.stack}\n`);
    return e.exitCode;
  }
  const err = e as Error;
  effects.stderr.write(`ftparse: internal error: ${err?.message ?? String(e)}\n`);
  effects.stderr.write(
    debug && err?.stack ? `${err.stack}\n` : "(run again with --debug for details, and please report it)\n",
  );
  return ExitCode.Internal;
}

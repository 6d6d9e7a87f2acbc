/**
 * The switchboard: commander wiring only. Each command lives in commands/<name>.ts, is imported
 * lazily, and returns an exit code; errors end in the single catch below.
 */
import { Command, CommanderError, Option } from "commander";
import { defaultEffects, type Effects } from "./effects.js";
import { ExitCode, FtparseError } from "./errors.js";
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
    .addOption(
      new Option(
        "--as <style>",
        "ftparse: the reference summary for every layout; dynamo: per scenario, the table Dynamo's own " +
          "parser of its generation prints (legacy table, AI-Perf summary, FaultToleranceReport)",
      )
        .choices(["ftparse", "dynamo"])
        .default("ftparse"),
    )
    .option("--debug", "print stack traces of internal errors")
    .addHelpText(
      "after",
      "\nExit codes: 0 ok · 1 a check rule was breached · 2 usage error, no usable input or --strict issues · 3 internal error\n" +
        "\nExamples:\n  ftparse results/\n  ftparse results/ --format json > summary.json\n  ftparse results/ --out report/ --sla 5\n  ftparse results/ --as dynamo\n",
    )
    .action(async (paths: string[], flags: CommonFlags & { out?: string; sla?: string; as?: string }) => {
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
          as: flags.as === "dynamo" ? "dynamo" : "ftparse",
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

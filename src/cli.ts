/**
 * The switchboard: the program, its commands' wiring (cli/<command>.ts, options shared between commands
 * declared once in cli/flags.ts), and the single catch every error ends in. Each command lives in
 * commands/<name>.ts, is imported lazily, and returns an exit code.
 */
import { Command, CommanderError } from "commander";
import { defaultEffects, type Effects } from "./effects.js";
import { environmentFault } from "./envFault.js";
import { ExitCode, FtparseError } from "./errors.js";
import { Warnings } from "./messages.js";
import { flushWarnings } from "./render/warnings.js";
import { VERSION } from "./version.js";
import { CONFIG_FILE } from "./cli/flags.js";
import type { Wiring } from "./cli/context.js";
import { addReportCommand } from "./cli/report.js";
import { addHistoryCommands } from "./cli/history.js";
import { addCheckCommand } from "./cli/check.js";
import { addRunCommand } from "./cli/run.js";

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
    .showHelpAfterError("(run ftparse --help for usage)");
  const wiring: Wiring = {
    program,
    effects,
    exit: (code) => (exitCode = code),
    debug: (on) => (debug = Boolean(on)),
  };
  addReportCommand(wiring);
  addHistoryCommands(wiring);
  addCheckCommand(wiring);
  addRunCommand(wiring);

  program
    .command("completion")
    .description("print a shell completion script: ftparse completion bash >> ~/.bashrc")
    .argument("<shell>", "bash | zsh | fish")
    .action(async (shell: string) => {
      const { completionScript } = await import("./completion.js");
      effects.stdout.write(completionScript(program, shell));
    });

  // the defaults file (cli/config.ts, docs/config.md) fills what the command line left unset
  for (const c of [program, ...program.commands])
    c.option("--config <file>", `defaults file (default: the nearest ${CONFIG_FILE} upward)`);
  // loaded only when a command runs (its YAML parser is not needed for --help or a bad flag)
  program.hook("preAction", async (_, command) => {
    const { applyConfig } = await import("./cli/config.js");
    await applyConfig(command, command.opts<{ config?: string }>().config);
  });
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

/** Wiring of the main command, `ftparse PATH…`: the report. */
import { existsSync } from "node:fs";
import { Option, type Command } from "commander";
import { FtparseError, ExitCode, usageError } from "../errors.js";
import { addSelectionOptions, normalizeSelection, type SelectionFlags } from "../select.js";
import { closest } from "../suggest.js";
import { examples, type Wiring } from "./context.js";
import {
  addDebugOption,
  addFormatOption,
  addInputOptions,
  addKeepStoreOptions,
  addMetricOptions,
  inputSettings,
  keepStoreSettings,
  metricSettings,
  normalizeCount,
  normalizeFormat,
  type InputFlags,
  type MetricFlags,
  type StoreFlags,
} from "./flags.js";

interface ReportFlags extends InputFlags, MetricFlags, StoreFlags, SelectionFlags {
  format?: string;
  out?: string;
  extended?: boolean;
  as?: string;
  aggregate?: boolean;
  last?: string;
  debug?: boolean;
}

export function addReportCommand({ program, effects, exit, debug }: Wiring): void {
  program
    .argument("[paths...]", "result trees: scenario directories or folders of them, at any depth")
    .option(
      "-o, --out <dir>",
      "also write summary.{csv,json,md}, timeline.csv, charts/*.{vl.json,svg,png} and report.html into DIR",
    )
    .option("--extended", "tables and Markdown: add client-visible recovery, latency percentiles and errors")
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
    .option("--last <n>", "with --db or --lake and no PATH: report the N most recent runs kept there");
  addFormatOption(program);
  addInputOptions(program);
  addMetricOptions(program, { bucket: true });
  addKeepStoreOptions(program, { lake: true, wait: true });
  addSelectionOptions(addDebugOption(program))
    .addHelpText(
      "after",
      "\nExit codes: 0 ok · 1 a check rule was breached · 2 usage error, no usable input or --strict issues · 3 internal error\n" +
        examples(
          "ftparse results/",
          "ftparse results/ --format json > summary.json",
          "ftparse results/ --out report/ --sla 5",
          "ftparse results/ --extended --window 5 --recovered-ratio 0.95",
          "ftparse results/ --as dynamo",
          "ftparse --lake /mnt/ft-lake --last 7",
        ),
    )
    .action(async (paths: string[], flags: ReportFlags) => {
      debug(flags.debug);
      if (paths.length === 0 && flags.db === undefined && flags.lake === undefined) {
        if (flags.last !== undefined)
          throw usageError("--last N reports runs kept by --db FILE or --lake DIR");
        program.help({ error: true });
      }
      if (paths.length > 0 && flags.last !== undefined)
        throw usageError("--last N reports the runs already kept: give it without PATH");
      if (paths.length > 0) rejectMisspeltCommand(program, paths[0]!);
      if (flags.aggregate && flags.as === "dynamo")
        throw usageError("--aggregate and --as dynamo do not mix");
      if (flags.label !== undefined && flags.db === undefined && flags.lake === undefined) {
        throw new FtparseError("--label needs --db FILE (labels are kept with the runs)", {
          exitCode: ExitCode.Usage,
        });
      }
      const { report } = await import("../commands/report.js");
      exit(
        await report(
          {
            paths,
            format: normalizeFormat(flags.format, effects.stdoutIsTTY),
            out: flags.out,
            ...inputSettings(flags),
            ...metricSettings(flags),
            as: flags.as === "dynamo" ? "dynamo" : "ftparse",
            extended: Boolean(flags.extended),
            ...keepStoreSettings(flags),
            select: normalizeSelection(flags),
            aggregate: Boolean(flags.aggregate),
            last: normalizeCount("--last", flags.last),
          },
          effects,
        ),
      );
    });
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

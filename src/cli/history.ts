/** Wiring of the history commands (README "History"): ingest, runs, trend, compare, query, export. */
import type { Command } from "commander";
import { ExitCode, FtparseError } from "../errors.js";
import { examples, type Wiring } from "./context.js";
import { normalizeMinDelta } from "../history/minDelta.js";
// (a constant only: sweep.ts loads nothing heavy)
import { STALE_STAGE_HOURS } from "../lake/sweep.js";
import {
  addDebugOption,
  addFormatOption,
  addHistoryStoreOptions,
  addInputOptions,
  collect,
  historyStoreSettings,
  inputSettings,
  LABEL_HELP,
  normalizeCount,
  normalizeFormat,
  normalizeLabels,
  normalizeNumber,
  normalizeRunName,
  type InputFlags,
  type StoreFlags,
} from "./flags.js";

interface HistoryFlags extends StoreFlags {
  format?: string;
}

export function addHistoryCommands({ program, effects, exit, debug }: Wiring): void {
  const command = (name: string, description: string): Command =>
    addDebugOption(addFormatOption(addHistoryStoreOptions(program.command(name).description(description))));
  // what every history command passes on: the store, how long to wait for it, the output format
  const common = (name: string, flags: HistoryFlags) => ({
    ...historyStoreSettings(name, flags),
    format: normalizeFormat(flags.format, effects.stdoutIsTTY),
  });

  addInputOptions(
    command("ingest", "append one run per results tree to the database (a tree already there is skipped)")
      .argument("[paths...]", "result trees (none: just create or upgrade the database)")
      .option("--label <key=value>", LABEL_HELP, collect)
      .option("--run-id <name>", "name the run (one tree), e.g. nightly-2026-01-05; usable in compare"),
  )
    .addHelpText(
      "after",
      examples("ftparse ingest results/2026-01-05 --db history.duckdb --label commit=abc123"),
    )
    .action(async (paths: string[], flags: HistoryFlags & InputFlags & { runId?: string }) => {
      const { ingest } = await import("../commands/ingest.js");
      exit(
        await ingest(
          {
            paths,
            ...common("ingest", flags),
            ...inputSettings(flags),
            labels: normalizeLabels(flags.label),
            runName: normalizeRunName(flags.runId),
          },
          effects,
        ),
      );
    });

  command("runs", "list the runs in the database, oldest first")
    .option("--last <n>", "only the N most recent runs")
    .option("--label <key=value>", "only runs with this label (repeatable: all must match)", collect)
    .addHelpText(
      "after",
      examples(
        "ftparse runs --db history.duckdb --last 10",
        "ftparse runs --db history.duckdb --label commit=abc123 --format csv",
      ),
    )
    .action(async (flags: HistoryFlags & { last?: string }) => {
      const { runs } = await import("../commands/runs.js");
      const last = normalizeCount("--last", flags.last);
      exit(await runs({ ...common("runs", flags), last, labels: normalizeLabels(flags.label) }, effects));
    });

  command("trend", "one metric across runs, per test group and failure")
    .requiredOption("--metric <name>", "the metric, e.g. recovery_s (a wrong name lists them all)")
    .option("--group <name>", "only this test group (exact name or glob, e.g. 'disagg-*')")
    .option("--failure <name>", "only this failure (exact name or glob)")
    .option("--last <n>", "only the N most recent runs")
    .option("--chart <file>", "also write the chart: FILE.vl.json (Vega-Lite spec), .svg, .png or .html")
    .addHelpText(
      "after",
      examples("ftparse trend --metric recovery_s --failure frontend --last 30 --db history.duckdb"),
    )
    .action(
      async (
        flags: HistoryFlags & {
          metric: string;
          group?: string;
          failure?: string;
          last?: string;
          chart?: string;
        },
      ) => {
        const { trend } = await import("../commands/trend.js");
        const { metric, group, failure, chart } = flags;
        const last = normalizeCount("--last", flags.last);
        exit(await trend({ ...common("trend", flags), metric, group, failure, last, chart }, effects));
      },
    );

  command("compare", "every metric of run A next to run B, regressions flagged")
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
      examples(
        "ftparse compare latest~1 latest --db history.duckdb --threshold 5",
        "ftparse compare 1 2 --db history.duckdb --min-delta 0.5s --min-delta 2pp --fail-on-regression",
      ),
    )
    .action(
      async (
        a: string,
        b: string,
        flags: HistoryFlags & {
          threshold: string;
          minDelta?: string[];
          counts?: boolean;
          metric?: string[];
          onlyChanges?: boolean;
          failOnRegression?: boolean;
        },
      ) => {
        const { compare } = await import("../commands/compare.js");
        const percent = normalizeNumber("--threshold", flags.threshold.replace(/%$/, ""), { min: 0 })!;
        exit(
          await compare(
            {
              ...common("compare", flags),
              a,
              b,
              threshold: percent / 100,
              minDelta: normalizeMinDelta(flags.minDelta),
              counts: Boolean(flags.counts),
              metrics: flags.metric,
              onlyChanges: Boolean(flags.onlyChanges),
              failOnRegression: Boolean(flags.failOnRegression),
            },
            effects,
          ),
        );
      },
    );

  command("query", "run SQL over the database's tables and documented views (read-only)")
    .argument("[sql]", "the SQL (the last statement's rows are printed)")
    .option("--file <file>", "read the SQL from FILE (e.g. queries/examples/*.sql)")
    .addHelpText(
      "after",
      examples('ftparse query "SELECT run_id, labels FROM run_overview" --db history.duckdb --format csv'),
    )
    .action(async (sql: string | undefined, flags: HistoryFlags & { file?: string }) => {
      const { query } = await import("../commands/query.js");
      exit(await query({ ...common("query", flags), sql, file: flags.file }, effects));
    });

  command("export", "write every table as Parquet and Arrow IPC files (pandas, polars, pyarrow)")
    .requiredOption("--out <dir>", "the folder to write <table>.parquet and <table>.arrow into")
    .option("--only <kind>", "only parquet or only arrow")
    .option("--tables <names>", "only these tables (comma-separated)")
    .addHelpText(
      "after",
      examples(
        "ftparse export --db history.duckdb --out export/",
        "ftparse export --db history.duckdb --out export/ --only parquet --tables runs,scenarios",
      ),
    )
    .action(async (flags: HistoryFlags & { out: string; only?: string; tables?: string }) => {
      const { exportTables, EXPORT_KINDS } = await import("../commands/export.js");
      const only = flags.only?.toLowerCase();
      if (only !== undefined && !(EXPORT_KINDS as readonly string[]).includes(only)) {
        throw new FtparseError(`--only expects parquet or arrow, got "${flags.only}"`, {
          exitCode: ExitCode.Usage,
        });
      }
      const tables = flags.tables
        ?.split(",")
        .map((t) => t.trim())
        .filter(Boolean);
      const kinds = only === undefined ? EXPORT_KINDS : [only as (typeof EXPORT_KINDS)[number]];
      exit(await exportTables({ ...common("export", flags), out: flags.out, kinds, tables }, effects));
    });

  // ftparse lake compact DIR: old months' per-run files merged, readable throughout (docs/lake.md)
  addDebugOption(
    addFormatOption(
      program
        .command("lake")
        .description("maintain a Parquet lake (docs/lake.md)")
        .command("compact")
        .description(
          "merge the per-run files of old months into one file per table and month (readable throughout)",
        )
        .argument("<dir>", "the lake folder")
        .option("--before <YYYY-MM>", "compact the months before this one (default: the current UTC month)")
        .option(
          "--retain-minutes <n>",
          "remove the per-run files of compacted runs this long after their compaction (default 60)",
        )
        .option(
          "--stale-hours <n>",
          `remove writers' staging folders (DIR/.tmp) untouched this long (default ${STALE_STAGE_HOURS})`,
        ),
    ),
  )
    .addHelpText("after", examples("ftparse lake compact /mnt/ft-lake"))
    .action(
      async (
        dir: string,
        flags: {
          before?: string;
          retainMinutes?: string;
          staleHours?: string;
          format?: string;
          debug?: boolean;
        },
      ) => {
        debug(flags.debug);
        const { lakeCompact, DEFAULT_RETAIN_MINUTES } = await import("../commands/lake.js");
        exit(
          await lakeCompact(
            {
              dir,
              before: flags.before,
              retainMinutes:
                normalizeNumber("--retain-minutes", flags.retainMinutes, { min: 0 }) ??
                DEFAULT_RETAIN_MINUTES,
              staleHours: normalizeNumber("--stale-hours", flags.staleHours, { min: 0 }) ?? STALE_STAGE_HOURS,
              format: normalizeFormat(flags.format, effects.stdoutIsTTY),
            },
            effects,
          ),
        );
      },
    );
}

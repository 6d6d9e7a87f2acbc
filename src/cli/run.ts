/** Wiring of `ftparse run`: a local fault-tolerance scenario, written in the legacy layout. */
import { ExitCode, usageError } from "../errors.js";
import { EXTENDED_DEFAULTS } from "../metrics/catalog.js";
import { examples, type Wiring } from "./context.js";
import {
  addDebugOption,
  addFormatOption,
  addKeepStoreOptions,
  normalizeFormat,
  normalizeLabels,
  normalizeNumber,
  type StoreFlags,
} from "./flags.js";

interface RunFlags extends StoreFlags {
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

export function addRunCommand({ program, effects, exit, debug }: Wiring): void {
  const command = program
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
    .option("--list", "list the preset deployments and failures, then exit");
  addDebugOption(addFormatOption(addKeepStoreOptions(command, { lake: false, wait: false })))
    .addHelpText(
      "after",
      examples(
        "ftparse run --deployment agg-tp-1-dp-2 --failure decode_worker --out results/",
        "ftparse run --scenario my-scenario.yaml --clients 4 --requests 30 --fault-at 10 --out results/",
      ) +
        "\nTimes in client_N.log.txt and test.log.txt are written in UTC (read them with the default --tz UTC).\n",
    )
    .action(async (flags: RunFlags) => {
      debug(flags.debug);
      if (flags.list) {
        const { presetList } = await import("../runner/presets.js");
        effects.stdout.write(presetList());
        return;
      }
      if (!flags.out)
        throw usageError(
          "ftparse run needs --out DIR",
          "e.g. ftparse run --deployment agg-tp-1-dp-1 --failure frontend --out results/",
        );
      const { run } = await import("../commands/run.js");
      const scenario = {
        file: flags.scenario,
        deployment: flags.deployment,
        failure: flags.failure,
        clients: normalizeNumber("--clients", flags.clients, { min: 1 }),
        requests: normalizeNumber("--requests", flags.requests, { min: 1 }),
        faultAt: normalizeNumber("--fault-at", flags.faultAt, { min: 0 }),
        model: flags.model,
      };
      const format = normalizeFormat(flags.format, effects.stdoutIsTTY);
      const labels = normalizeLabels(flags.label);
      const produced = await run({ scenario, out: flags.out, force: Boolean(flags.force) }, effects);
      if (produced.interrupted) return exit(ExitCode.Interrupted);
      // 7. the summary of what was produced: the main job's report (the runner writes naive stamps in UTC)
      const { report } = await import("../commands/report.js");
      exit(
        await report(
          {
            paths: [produced.dir],
            format,
            tz: "UTC",
            strict: false,
            ext: EXTENDED_DEFAULTS,
            db: flags.db,
            labels,
          },
          effects,
        ),
      );
    });
}

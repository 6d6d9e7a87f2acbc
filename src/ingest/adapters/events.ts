/**
 * The event-harness layout (G2, docs/layouts/events.md): AI-Perf load folders, `fault_tolerance_report.json`
 * with the harness's event timeline, service folders with one log per container start, and a
 * `test.log.txt` of `Event i/N: …` lines. Sub-variants (where the AI-Perf files sit):
 *   flat          <test>/load/profile_export*.json[l]
 *   per_rung      <test>/load/load-<name>-<hex>/profile_export*.json[l]   (one folder per StartLoad)
 *   load_results  <test>/load_results/profile_export*.json[l]             (oldest managed_load)
 *   bundle        <bundle>/load-<name>-<hash>/aiperf/… + <bundle>/service_logs/<svc>/  (recovered tarball)
 *   report_only   only fault_tolerance_report.json (no load files survived)
 *
 * Every load's records are counted in the reference summary. Service folder names are matched to the
 * reference spelling case-insensitively (`frontend/` and the teardown-time `Frontend/` are one service).
 */
import { join } from "node:path";
import type { Adapter, IngestContext, ScenarioDir } from "../types.js";
import { AIPERF_RECORDS, AIPERF_SUMMARY, ingestLoadRuns, type LoadRun } from "../readers/aiperfRuns.js";
import { listDirs, listFiles, listFolder, warnUnreadable, type Unreadable } from "../fs/fsList.js";
import { ingestServiceFiles, listServiceFiles, type ServiceFile } from "../readers/serviceFolders.js";
import { ingestTestLogs, type TestLogFile } from "../readers/testLog.js";
import { globLiterals } from "../fs/globLiteral.js";
import { msg } from "../../messages.js";
import { addIssue } from "../issues.js";
import { loadTexts } from "../readers/textFiles.js";

const REPORT = "fault_tolerance_report.json";
const SERVER_METRICS = "server_metrics_export.jsonl";
/** `load-<name>-<hex>`: the StartLoad name may itself contain dashes; the suffix is hex. */
const RUNG_DIR = /^load-(.+)-([0-9a-f]{4,})$/;
/** Folders of the test directory that are not service folders. */
const NOT_SERVICES = new Set(["load", "load_results", "snapshots", "service_logs", "panels", "plots"]);

export type EventsVariant = "flat" | "per_rung" | "load_results" | "bundle" | "report_only";

export const eventsAdapter: Adapter = {
  layout: "events",
  /** docs/layouts/index.md#detection-order step 1: the report, or a load/, load_results/ or load-*-* folder. */
  async detect(_dir, entries) {
    if (entries.some((e) => e.name === REPORT)) return true;
    return entries.some(
      (e) => (e.name === "load" || e.name === "load_results" || RUNG_DIR.test(e.name)) && e.isDirectory(),
    );
  },
  async ingest(scenarios, ctx) {
    const canonical = await serviceSpellings(ctx);
    const runs: LoadRun[] = [];
    const testLogs: TestLogFile[] = [];
    const serviceFiles: ServiceFile[] = [];
    const metricFiles: [string, number][] = [];
    const reports: [string, number][] = [];
    const variants = new Map<string, number[]>();
    for (const s of scenarios) {
      const unreadable = warnUnreadable(ctx, s.scenarioId);
      const { dirs, files } = await listFolder(s.dir, unreadable);
      const found = await findLoads(s, dirs, unreadable);
      runs.push(...found.runs);
      metricFiles.push(...found.serverMetrics.map((f): [string, number] => [f, s.scenarioId]));
      if (files.includes(REPORT)) reports.push([join(s.dir, REPORT), s.scenarioId]);
      const variant = found.variants.length > 0 ? found.variants.join(",") : "report_only";
      variants.set(variant, [...(variants.get(variant) ?? []), s.scenarioId]);
      if (found.runs.length === 0) await addIssue(ctx, s.scenarioId, s.dir, msg.noLoadResults);
      testLogs.push({
        scenarioId: s.scenarioId,
        file: join(s.dir, "test.log.txt"),
        problem: files.includes("test.log.txt") ? undefined : "no test.log.txt",
        dialect: "events",
      });
      const name = (folder: string) => canonical.get(folder.toLowerCase()) ?? folder.toLowerCase();
      const services = dirs.filter((d) => !NOT_SERVICES.has(d) && !RUNG_DIR.test(d));
      serviceFiles.push(...(await listServiceFiles(s.scenarioId, s.dir, services, ctx, name)));
      if (dirs.includes("service_logs")) {
        const bundled = (await listDirs(join(s.dir, "service_logs"), unreadable)).map((d) =>
          join("service_logs", d),
        );
        const bundleName = (folder: string) => name(folder.slice("service_logs/".length));
        serviceFiles.push(...(await listServiceFiles(s.scenarioId, s.dir, bundled, ctx, bundleName)));
      }
    }
    for (const [variant, ids] of variants) {
      await ctx.db.exec("set_layout_variant", { scenario_ids: ids, variant });
    }
    await ingestLoadRuns(runs, ctx);
    await ingestTestLogs(testLogs, ctx);
    const addresses = await ingestServiceFiles(serviceFiles, ctx);
    await ingestContainerStarts(serviceFiles, ctx);
    if (reports.length > 0) {
      await ctx.db.append("report_files", ["VARCHAR", "BIGINT"], reports);
      await loadTexts(
        reports.map((r) => ({ file: r[0], scenarioId: r[1] })),
        ctx,
      );
      await ctx.db.exec("ingest_ft_report", { run_id: ctx.runId });
    }
    const ids = scenarios.map((s) => s.scenarioId);
    await ctx.db.exec("fault_label");
    await ctx.db.exec("events_failure_labels", { scenario_ids: ids });
    if (metricFiles.length > 0) {
      await ctx.db.append("server_metric_files", ["VARCHAR", "BIGINT"], metricFiles);
      await ctx.db.append(
        "endpoint_pods",
        ["BIGINT", "VARCHAR", "VARCHAR", "VARCHAR"],
        addresses.map((a) => [a.scenarioId, a.ip, a.service, a.pod]),
      );
      await ctx.db.exec("ingest_server_metrics", {
        files: globLiterals(metricFiles.map((m) => m[0])),
        run_id: ctx.runId,
      });
    }
  },
};

interface FoundLoads {
  runs: LoadRun[];
  serverMetrics: string[];
  variants: EventsVariant[];
}

/** Every AI-Perf load folder of a test directory, whichever sub-variant(s) it uses. */
async function findLoads(
  s: ScenarioDir,
  dirs: readonly string[],
  unreadable: Unreadable,
): Promise<FoundLoads> {
  const out: FoundLoads = { runs: [], serverMetrics: [], variants: [] };
  const add = async (dir: string, client: string, variant: EventsVariant) => {
    const files = await listFiles(dir, unreadable);
    if (files.includes(SERVER_METRICS)) out.serverMetrics.push(join(dir, SERVER_METRICS));
    if (!files.includes(AIPERF_SUMMARY) && !files.includes(AIPERF_RECORDS)) return false;
    out.runs.push({
      scenarioId: s.scenarioId,
      client,
      attempt: 0,
      dir,
      counted: true,
      summaryFile: files.includes(AIPERF_SUMMARY) ? join(dir, AIPERF_SUMMARY) : null,
      recordsFile: files.includes(AIPERF_RECORDS) ? join(dir, AIPERF_RECORDS) : null,
    });
    if (!out.variants.includes(variant)) out.variants.push(variant);
    return true;
  };
  if (dirs.includes("load_results")) await add(join(s.dir, "load_results"), "load_results", "load_results");
  if (dirs.includes("load")) {
    const load = join(s.dir, "load");
    await add(load, "load", "flat");
    for (const rung of (await listDirs(load, unreadable)).sort()) {
      const m = RUNG_DIR.exec(rung);
      if (m) await add(join(load, rung), m[1]!, "per_rung");
    }
  }
  for (const rung of dirs.filter((d) => RUNG_DIR.test(d)).sort()) {
    const name = RUNG_DIR.exec(rung)![1]!;
    // incident_report.py's bundles keep AI-Perf's files under aiperf/; accept them at the top too.
    if (!(await add(join(s.dir, rung, "aiperf"), name, "bundle")))
      await add(join(s.dir, rung), name, "bundle");
  }
  return out;
}

/** The reference spelling of service folders (`ready_patterns`), keyed by lower case. */
async function serviceSpellings(ctx: IngestContext): Promise<Map<string, string>> {
  const rows = await ctx.db.all("service_folder_names");
  return new Map(rows.map((r) => [String(r.service).toLowerCase(), String(r.service)]));
}

/** `<pod>_<unix ts>.log`: each file is one container start, a fact of its own on the timeline. */
async function ingestContainerStarts(files: readonly ServiceFile[], ctx: IngestContext): Promise<void> {
  const rows = files
    .filter((f) => f.kind === "log" && f.incarnation.startsWith("start_"))
    .map((f) => [
      f.scenarioId,
      new Date(Number(f.incarnation.slice("start_".length)) * 1000),
      "container_log_start",
      f.service,
      f.pod,
      f.file,
    ]);
  await ctx.db.append("events", ["BIGINT", "TIMESTAMPTZ", "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR"], rows);
}

/**
 * The metrics history knows and run references. History keeps the catalog's metrics but the --sla
 * ones (metrics/catalog.ts STORED_METRICS; test/metrics/catalog.test.ts holds the view to that), in
 * the column order of view `history_metrics`, which orders trend's and compare's rows.
 */
import type { Db, Row } from "../db.js";
import { ExitCode, FtparseError } from "../errors.js";
import { msg } from "../messages.js";
import { closest } from "../suggest.js";

/** The stored metrics, in the order of view `history_metrics`. */
export async function metricNames(db: Db): Promise<string[]> {
  return (await db.all("metric_names")).map((r) => String(r.metric));
}

/** --metric must name one of the metrics; the error lists them. */
export async function validateMetric(db: Db, metric: string): Promise<string> {
  const known = await metricNames(db);
  if (!known.includes(metric)) {
    throw new FtparseError(msg.unknownMetric(metric, known, closest(metric, known)), {
      exitCode: ExitCode.Usage,
    });
  }
  return metric;
}

/** A run named on the command line: a --run-id name, a run number, `latest` or `latest~N`. */
export async function resolveRun(db: Db, ref: string): Promise<Row> {
  const back = /^latest(?:~(\d+))?$/.exec(ref);
  const [row] = await db.all("resolve_run", { ref, back: back ? Number(back[1] ?? 0) : null });
  if (!row) {
    throw new FtparseError(msg.noSuchRun(ref), {
      exitCode: ExitCode.Usage,
      hint: "name a run by its number or --run-id (see `ftparse runs`), or as latest / latest~1",
    });
  }
  return row;
}

/** `run 3 "nightly-42" (2026-01-05 02:00:00Z, commit=abc)` */
export function describeRunRef(run: Row): string {
  const name = run.run_name ? ` "${String(run.run_name)}"` : "";
  const labels = Object.entries((run.labels ?? {}) as Record<string, unknown>)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(" ");
  const when = String(run.run_time)
    .replace("T", " ")
    .replace(/\.000Z$/, "Z");
  return `run ${String(run.run_id)}${name} (${when}${labels ? `, ${labels}` : ""})`;
}

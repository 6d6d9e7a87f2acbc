/**
 * `ftparse PATH…` — the main job.
 *
 *   discover ──► ingest ──► DuckDB tables ──► queries/summary.sql ──► render
 *   (PATHs)      (adapters)  (schema.sql)      (view `summary`)         table · markdown · csv · json
 *
 * Each stage is one numbered call below; no stage calls back into an earlier one.
 * With --db FILE the runs are kept in that file (history/store.ts: idempotent, one transaction) and
 * the summary is read from it; otherwise everything happens in memory.
 */
import { join } from "node:path";
import { openDatabase, type Db, type Row } from "../db.js";
import type { Effects } from "../effects.js";
import { ExitCode, FtparseError } from "../errors.js";
import { loadResults } from "../load.js";
import { openHistory } from "../history/open.js";
import { prepareTrees, storeTrees } from "../history/store.js";
import { msg } from "../messages.js";
import { writeFileAtomic } from "../render/files.js";
import { renderSummary, type Format } from "../render/summary.js";
import { flushWarnings } from "../render/warnings.js";

export interface ReportOptions {
  paths: string[];
  format: Format;
  out?: string;
  tz: string;
  sla?: number;
  strict: boolean;
  /** Keep the runs in this DuckDB file (and read them from it). */
  db?: string;
  labels?: Record<string, string>;
  waitSeconds?: number;
}

export async function report(options: ReportOptions, effects: Effects): Promise<ExitCode> {
  const trees = options.db ? await prepareTrees(options.paths, options.tz, effects) : [];
  const db = options.db
    ? await openHistory(options.db, { readOnly: false, waitSeconds: options.waitSeconds ?? 0 }, effects)
    : await openDatabase();
  try {
    // 1–2. discover and ingest every PATH (one run each)
    const loaded = options.db
      ? {
          runIds: (await storeTrees(db, trees, { tz: options.tz, labels: options.labels }, effects)).map(
            (r) => r.runId,
          ),
          scenarioCount: trees.reduce((n, t) => n + t.scenarios.length, 0),
        }
      : await loadResults(db, options, effects);
    // 3. the summary view over the canonical tables
    const rows = await computeSummary(db, loaded.runIds, options.sla);
    // 4. everything that was skipped, as warnings naming file and line
    const issueCount = await collectIssues(db, loaded.runIds, effects);
    if (rows.length === 0) {
      flushWarnings(effects);
      throw new FtparseError(msg.noUsableInput(loaded.scenarioCount), { exitCode: ExitCode.Usage });
    }
    // 5. render to stdout and, with --out, to files
    const renderOptions = { sla: options.sla !== undefined && options.sla !== 0, color: effects.color };
    effects.stdout.write(renderSummary(rows, options.format, renderOptions));
    if (options.out) await writeOutputs(options.out, rows, renderOptions);
    flushWarnings(effects);
    if (options.strict && issueCount > 0) {
      throw new FtparseError(msg.strictIssues(issueCount), { exitCode: ExitCode.Usage });
    }
    return ExitCode.Ok;
  } finally {
    db.close();
  }
}

/** Create the summary view for this session's parameters and read the rows of the given runs. */
export async function computeSummary(
  db: Db,
  runIds: readonly number[],
  sla: number | undefined,
): Promise<Row[]> {
  await db.exec("report_params", { sla: sla ?? null });
  await db.exec("summary");
  return db.all("summary_rows", { run_ids: runIds });
}

/** Move ingest issues and dropped scenarios into the warning collector; returns how many there were. */
export async function collectIssues(db: Db, runIds: readonly number[], effects: Effects): Promise<number> {
  const issues = await db.all("ingest_issue_list", { run_ids: runIds });
  for (const i of issues) {
    effects.warnings.add({
      file: i.file === null ? undefined : String(i.file),
      line: i.line_no === null ? undefined : Number(i.line_no),
      message: String(i.message),
    });
  }
  const empty = await db.all("scenarios_without_requests", { run_ids: runIds });
  for (const s of empty) {
    effects.warnings.add({
      file: String(s.dir),
      message: "no readable client request: left out of the summary",
    });
  }
  return effects.warnings.count;
}

async function writeOutputs(dir: string, rows: readonly Row[], options: { sla: boolean; color: boolean }) {
  const plain = { ...options, color: false };
  await writeFileAtomic(join(dir, "summary.json"), renderSummary(rows, "json", plain));
  await writeFileAtomic(join(dir, "summary.csv"), renderSummary(rows, "csv", plain));
  await writeFileAtomic(join(dir, "summary.md"), renderSummary(rows, "markdown", plain));
}

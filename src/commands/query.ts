/**
 * `ftparse query "SQL" --db FILE` (or `-f FILE.sql`) — ad-hoc SQL over the tables and the documented
 * views (summary, history_metrics, run_overview, metric_history; see the README).
 *
 *   open FILE (read-only: a query cannot change it) ──► confine ──► the user's SQL ──► render its last result
 *
 * Confined: with the session's views created, external access is turned off and the configuration
 * locked, so the SQL can read the store and nothing else (no COPY … TO, read_text, ATTACH, SET back).
 */
import { readFile } from "node:fs/promises";
import type { Effects } from "../effects.js";
import { ExitCode, FtparseError, usageError } from "../errors.js";
import { openStore } from "../history/open.js";
import { lockDownLake } from "../lake/read.js";
import type { StoreRef } from "../history/open.js";
import { msg } from "../messages.js";
import { renderRows } from "../render/rows.js";
import type { Format } from "../render/summary.js";

export interface QueryOptions extends StoreRef {
  format: Format;
  sql?: string;
  file?: string;
  waitSeconds: number;
}

export async function query(options: QueryOptions, effects: Effects): Promise<ExitCode> {
  // 1. the SQL, from the argument or a file
  const text = await querySql(options);
  // 2. run it on a read-only connection
  const db = await openStore(options, effects);
  let result;
  try {
    // a lake's views read its Parquet files, which stay readable; a --db store reads nothing outside it
    if (!(await lockDownLake(db))) await db.confine();
    result = await db.sqlTable(text);
  } catch (e) {
    if (e instanceof FtparseError) throw e;
    const why = (e as Error).message ?? String(e);
    // A refusal is one line: where in the SQL it happened adds nothing (a syntax error keeps it).
    const refused = /^(Permission Error|Invalid Input Error: Cannot change configuration)/.test(why);
    throw new FtparseError(msg.queryFailed(refused ? why.split("\n")[0]! : why), {
      exitCode: ExitCode.Usage,
      hint: /read-only/.test(why)
        ? "ftparse query opens the database read-only; it cannot change it"
        : refused
          ? "ftparse query reads the database only: no other file, no other database, no settings"
          : "the tables and views are listed in the README (History: ftparse query)",
      cause: e,
    });
  } finally {
    db.close();
  }
  // 3. render
  const columns = result.columns.map((c) => ({
    key: c,
    header: c,
    kind: "auto" as const,
    align:
      result.rows.some((r) => r[c] !== null) &&
      result.rows.every((r) => r[c] === null || typeof r[c] === "number")
        ? ("right" as const)
        : ("left" as const),
  }));
  effects.stdout.write(
    renderRows(result.rows, columns, options.format, { color: effects.color, width: effects.stdoutColumns }),
  );
  return ExitCode.Ok;
}

async function querySql(options: QueryOptions): Promise<string> {
  if (options.sql !== undefined && options.file !== undefined)
    throw usageError("give the SQL or -f FILE, not both");
  if (options.file !== undefined) {
    try {
      return await readFile(options.file, "utf8");
    } catch (e) {
      throw usageError(msg.unreadable(options.file, (e as NodeJS.ErrnoException).code ?? String(e)));
    }
  }
  if (options.sql === undefined || options.sql.trim() === "")
    throw usageError('give the SQL ("SELECT …") or -f FILE');
  return options.sql;
}

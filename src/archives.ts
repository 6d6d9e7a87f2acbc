/**
 * CI artifacts as input (docs/archives.md): a PATH may be a `.zip` (a GitHub Actions artifact), `.tar`,
 * `.tar.gz` or `.tgz`. Each archive is unpacked into a private temporary folder, read like the folder
 * it holds (one run, named after the file: runNames.ts), and removed as soon as the ingest has read it,
 * on an error, and on Ctrl-C. Archives inside the archive are opened too, one level deep.
 *
 * Unpacked rather than streamed: discovery, the adapters and DuckDB's readers all work on files (DuckDB
 * reads client logs by path, several at once), so a scenario's files must exist as files anyway.
 *
 * An entry that would land outside the folder (`../x`, `/etc/x`, `C:\x`) or a link that points outside
 * it is refused with exit 2 before anything is read: an archive is untrusted input.
 */
import { once } from "node:events";
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { mkdir, readdir, rm, stat, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve, sep } from "node:path";
import { pipeline } from "node:stream/promises";
import { ExitCode, FtparseError } from "./errors.js";
import { archiveExtension } from "./runNames.js";

export interface OpenedInputs {
  /** One folder per PATH, in order: the PATH itself, or where its archive was unpacked. */
  dirs: string[];
  /** A path under an unpacked folder as the user knows it (`run.zip/…`); other paths unchanged. */
  shownPath: (path: string) => string;
  /** Remove every temporary folder (idempotent). */
  cleanup: () => void;
}

/** PATHs with no archive among them: nothing to unpack or clean. */
function plain(paths: readonly string[]): OpenedInputs {
  return { dirs: [...paths], shownPath: (p) => p, cleanup: () => undefined };
}

/** Unpack the archive PATHs (others are passed through); the caller must call cleanup(). */
export async function openInputs(paths: readonly string[]): Promise<OpenedInputs> {
  const isArchive = await Promise.all(
    paths.map(
      async (p) => archiveExtension(p) !== undefined && (await stat(p).catch(() => undefined))?.isFile(),
    ),
  );
  if (!isArchive.some(Boolean)) return plain(paths);
  // The handlers go on before the folder exists and come off only after it is gone: a Ctrl-C between
  // the two would otherwise take Node's default action (exit at once) and leave the folder behind.
  const made: { temp?: string } = {};
  const cleanup = () => {
    if (made.temp !== undefined) rmSync(made.temp, { recursive: true, force: true });
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  };
  // Ctrl-C while unpacking or reading: remove the folder, then end as the signal would have.
  const onSignal = (signal: NodeJS.Signals) => {
    cleanup();
    process.kill(process.pid, signal);
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  const folder = mkdtempSync(join(tmpdir(), "ftparse-archives-"));
  made.temp = folder;
  const shown = new Map<string, string>();
  try {
    const dirs: string[] = [];
    for (const [i, p] of paths.entries()) {
      if (!isArchive[i]) {
        dirs.push(p);
        continue;
      }
      const dir = join(folder, String(i));
      await mkdir(dir);
      await unpack(p, dir);
      await unpackNested(dir);
      shown.set(dir, resolve(p));
      dirs.push(dir);
    }
    const shownPath = (path: string) => {
      for (const [dir, archive] of shown) {
        if (path === dir || path.startsWith(dir + sep)) return archive + path.slice(dir.length);
      }
      return path;
    };
    return { dirs, shownPath, cleanup };
  } catch (e) {
    cleanup();
    throw e;
  }
}

/**
 * Run `load` over the PATHs' folders (archives unpacked into temporary folders, removed afterwards),
 * then name every warning's file and the result's paths as the user knows them (`run.zip/…`).
 */
export async function loadFromInputs<T extends { loaded: { shownPath?: (path: string) => string } }>(
  paths: readonly string[],
  warnings: { items: { file?: string }[] },
  load: (dirs: readonly string[]) => Promise<T>,
): Promise<T> {
  const inputs = await openInputs(paths);
  try {
    const opened = await load(inputs.dirs);
    opened.loaded.shownPath = inputs.shownPath;
    for (const w of warnings.items) if (w.file !== undefined) w.file = inputs.shownPath(w.file);
    return opened;
  } finally {
    inputs.cleanup();
  }
}

/** Unpack one archive file into `dir` (an empty folder), refusing entries that escape it. */
async function unpack(file: string, dir: string): Promise<void> {
  const ext = archiveExtension(file)!;
  try {
    if (ext === ".zip") await unzip(file, dir);
    else await untar(file, dir);
  } catch (e) {
    if (e instanceof FtparseError) throw e;
    // yauzl refuses such names itself while listing the entries
    const why = /^(invalid relative path|absolute path): (.*)$/.exec((e as Error).message);
    if (why) throw escapeError(file, why[2]!, "its path leaves the archive");
    throw new FtparseError(`cannot read archive: ${(e as Error).message}`, {
      file,
      exitCode: ExitCode.Usage,
      hint: "check that the download is complete (e.g. unzip -t / tar -tzf)",
    });
  }
}

/** Archives found in an unpacked folder are unpacked next to themselves (`x.zip` → `x/`), once. */
async function unpackNested(dir: string): Promise<void> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const e of entries) {
    const ext = archiveExtension(e.name);
    if (!e.isFile() || !ext) continue;
    const file = join(e.parentPath, e.name);
    const into = file.slice(0, -ext.length);
    if ((await stat(into).catch(() => undefined)) !== undefined) continue; // a folder of that name is there
    await mkdir(into);
    await unpack(file, into);
    await rm(file);
  }
}

function escapeError(archive: string, entry: string, why: string): FtparseError {
  return new FtparseError(`refusing archive entry "${entry}": ${why}`, {
    file: archive,
    exitCode: ExitCode.Usage,
    hint: "the archive would write outside its own folder; unpack it yourself if you trust it",
  });
}

/** Does this relative entry name leave its folder (absolute, drive letter, or `..` past the top)? */
export function escapesFolder(name: string): boolean {
  if (/^([\\/]|[A-Za-z]:)/.test(name)) return true;
  let depth = 0;
  for (const part of name.split(/[\\/]+/)) {
    if (part === "..") {
      if (--depth < 0) return true;
    } else if (part !== "" && part !== ".") depth++;
  }
  return false;
}

/** A link's target, relative to the archive's top, leaves it (symlinks resolve from their folder). */
function linkEscapes(entry: string, target: string, symbolic: boolean): boolean {
  if (/^([\\/]|[A-Za-z]:)/.test(target)) return true;
  return escapesFolder(symbolic ? join(dirname(entry), target) : target);
}

async function untar(file: string, dir: string): Promise<void> {
  const tar = await import("tar");
  let refused: FtparseError | undefined;
  await tar.x({
    file,
    cwd: dir,
    strict: true,
    // checked here rather than left to tar's own guards, which skip such entries with a warning: a
    // report with silently missing scenarios would be wrong numbers
    filter: (path, entry) => {
      const e = entry as { type?: string; linkpath?: string };
      let why: string | undefined;
      if (escapesFolder(path)) why = "its path leaves the archive";
      else if (
        (e.type === "SymbolicLink" || e.type === "Link") &&
        linkEscapes(path, e.linkpath ?? "", e.type === "SymbolicLink")
      )
        why = `a link to ${e.linkpath ?? ""} outside the archive`;
      if (why) refused ??= escapeError(file, path, why);
      return why === undefined && refused === undefined;
    },
  });
  if (refused) throw refused;
}

async function unzip(file: string, dir: string): Promise<void> {
  const yauzl = (await import("yauzl")).default;
  const zip = await new Promise<import("yauzl").ZipFile>((ok, fail) =>
    yauzl.open(
      file,
      { lazyEntries: true, autoClose: false, strictFileNames: false, decodeStrings: true },
      (err, z) => (err ? fail(err) : ok(z)),
    ),
  );
  try {
    // every name checked before anything is written
    const entries: import("yauzl").Entry[] = [];
    zip.readEntry();
    zip.on("entry", (entry: import("yauzl").Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    await Promise.race([once(zip, "end"), once(zip, "error").then(([e]) => Promise.reject(e as Error))]);
    for (const entry of entries) {
      if (escapesFolder(entry.fileName))
        throw escapeError(file, entry.fileName, "its path leaves the archive");
    }
    // a few entries at a time: each one waits on inflating (zlib's threads) and on the disk in turn
    const made = new Set<string>();
    const ensureDir = async (d: string) => {
      if (made.has(d)) return;
      await mkdir(d, { recursive: true });
      made.add(d);
    };
    let next = 0;
    const worker = async () => {
      while (next < entries.length) {
        const entry = entries[next++]!;
        await writeEntry(zip, entry, dir, file, ensureDir);
      }
    };
    await Promise.all(Array.from({ length: ZIP_PARALLEL }, worker));
  } finally {
    zip.close();
  }
}

/** How many zip entries are unpacked at once. */
const ZIP_PARALLEL = 4;

async function writeEntry(
  zip: import("yauzl").ZipFile,
  entry: import("yauzl").Entry,
  dir: string,
  file: string,
  ensureDir: (d: string) => Promise<void>,
): Promise<void> {
  const target = join(dir, entry.fileName);
  if (relative(dir, target).startsWith(".."))
    throw escapeError(file, entry.fileName, "its path leaves the archive");
  if (entry.fileName.endsWith("/")) return ensureDir(target);
  await ensureDir(dirname(target));
  const stream = await new Promise<NodeJS.ReadableStream>((ok, fail) =>
    zip.openReadStream(entry, (err, s) => (err ? fail(err) : ok(s))),
  );
  // Unix mode in the upper 16 bits of the external attributes: 0o120000 is a symbolic link
  if (((entry.externalFileAttributes >>> 16) & 0o170000) === 0o120000) {
    let link = "";
    for await (const chunk of stream) link += String(chunk);
    if (linkEscapes(entry.fileName, link, true))
      throw escapeError(file, entry.fileName, `a link to ${link} outside the archive`);
    await symlink(link, target);
    return;
  }
  await pipeline(stream, createWriteStream(target, { flags: "wx" }));
}

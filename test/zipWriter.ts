/**
 * A minimal ZIP writer for tests (deflated files, directories, Unix symlinks): the project only reads
 * ZIP files, so tests build their archives here rather than depending on a `zip` binary.
 */
import { readdirSync, readFileSync, readlinkSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { crc32, deflateRawSync } from "node:zlib";

export interface ZipEntry {
  name: string;
  data?: Buffer;
  /** A symbolic link to this target (stored as the entry's content, mode 0o120777). */
  symlink?: string;
}

/** The entries of a folder, paths relative to it with `/`, under `prefix`. */
export function folderEntries(dir: string, prefix = ""): ZipEntry[] {
  const out: ZipEntry[] = [];
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const full = join(e.parentPath, e.name);
    const name = prefix + relative(dir, full).split(sep).join("/");
    if (e.isDirectory()) out.push({ name: `${name}/` });
    else if (e.isSymbolicLink()) out.push({ name, symlink: readlinkSync(full) });
    else if (e.isFile()) out.push({ name, data: readFileSync(full) });
  }
  return out;
}

export function writeZip(file: string, entries: readonly ZipEntry[]): void {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const raw = e.symlink !== undefined ? Buffer.from(e.symlink) : (e.data ?? Buffer.alloc(0));
    const deflate = e.symlink === undefined && raw.length > 0;
    const body = deflate ? deflateRawSync(raw) : raw;
    const name = Buffer.from(e.name);
    const crc = crc32(raw);
    const mode = e.symlink !== undefined ? 0o120777 : e.name.endsWith("/") ? 0o040755 : 0o100644;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6); // UTF-8 names
    local.writeUInt16LE(deflate ? 8 : 0, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by Unix: external attributes carry the mode
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(deflate ? 8 : 0, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE((mode << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  writeFileSync(file, Buffer.concat([...locals, cd, end]));
}

// The build: tsc, then the CLI bundle (scripts/bundle.mjs), into a fresh folder next to dist/ that is
// renamed into place at the end. Why a temporary folder: two builds at once (an editor's `npm test`
// and a terminal's, or `npm ci` in two jobs) each write their own tree and the last rename wins, so
// dist/ is always one whole build, never two interleaved ones (a CLI bundled twice does not load).
//
//   node scripts/build.mjs             build
//   node scripts/build.mjs --if-stale  build unless dist/ was built from these very sources (npm's
//                                      `prepare`: `npx ftparse` in a checkout installs the checkout
//                                      as a package, which runs `prepare`; it must not rebuild then)
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { bundleCli } from "./bundle.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
const STAMP = ".sources-sha256";

/** A hash of everything the build reads: the TypeScript sources, the build scripts and configuration. */
function sourcesHash() {
  const hash = createHash("sha256");
  const files = ["tsconfig.json", "package.json", "package-lock.json"];
  for (const dir of ["src", "test", "bench", "scripts"]) {
    for (const f of readdirSync(join(root, dir), { recursive: true, withFileTypes: true })) {
      if (!f.isFile() || !/\.(ts|mjs|json)$/.test(f.name)) continue;
      const path = relative(root, join(f.parentPath ?? f.path, f.name));
      if (!path.startsWith(join("bench", ".data"))) files.push(path);
    }
  }
  for (const f of files.sort()) {
    hash.update(`${f}\0`);
    if (existsSync(join(root, f))) hash.update(readFileSync(join(root, f)));
  }
  return hash.digest("hex");
}

const hash = sourcesHash();
if (process.argv.includes("--if-stale")) {
  const built = existsSync(join(dist, STAMP)) ? readFileSync(join(dist, STAMP), "utf8") : "";
  if (built === hash && existsSync(join(dist, "src", "bin.js"))) process.exit(0);
}

const tag = `${process.pid}-${Date.now().toString(36)}`;
const tmp = join(root, `dist.tmp-${tag}`);
try {
  const tsc = spawnSync(
    process.execPath,
    [
      join(root, "node_modules", "typescript", "bin", "tsc"),
      "-p",
      join(root, "tsconfig.json"),
      "--outDir",
      tmp,
    ],
    { stdio: "inherit" },
  );
  if (tsc.status !== 0) process.exit(tsc.status ?? 1);
  await bundleCli(join(tmp, "src"));
  // npm sets the bit only when it links a bin; a rebuild must keep `npx ftparse` runnable
  chmodSync(join(tmp, "src", "bin.js"), 0o755);
  writeFileSync(join(tmp, STAMP), hash);
  swapIntoPlace(tmp);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

/** Replace dist/ by the new tree: move the old one aside, rename the new one in, remove the old one. */
function swapIntoPlace(fresh) {
  for (let attempt = 0; ; attempt++) {
    const old = join(root, `dist.old-${tag}-${attempt}`);
    try {
      renameSync(dist, old);
    } catch (e) {
      if (e.code !== "ENOENT") throw e;
    }
    try {
      renameSync(fresh, dist);
      rmSync(old, { recursive: true, force: true });
      return;
    } catch (e) {
      rmSync(old, { recursive: true, force: true });
      // another build put its dist/ in place between our two renames: move that one aside too
      if ((e.code !== "ENOTEMPTY" && e.code !== "EEXIST") || attempt > 20) throw e;
    }
  }
}

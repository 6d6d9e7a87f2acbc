// Bundles the CLI (<out>/src/bin.js, after tsc) into one ES module plus lazily loaded chunks, written
// over <out>/src/bin.js (chunks: <out>/src/bin-*.js); scripts/build.mjs calls it on its fresh tree.
// Why: start-up. A one-scenario report spent much of its CPU resolving, reading and compiling the
// CommonJS files of @duckdb/node-api and commander's CommonJS behind its ESM wrapper; a few chunks cost
// a fraction of that (docs/performance.md).
//
// - Only the packages a report loads are bundled (BUNDLED); every other package stays an import of
//   node_modules, loaded when a command needs it (native ones such as @duckdb/node-bindings must).
// - Code splitting keeps the CLI's lazy `await import("./commands/x.js")`: a command's code is read
//   only when it runs. Chunks sit next to bin.js, so paths that modules find from their own location
//   (queries/, rules/, package.json) resolve as from any file of dist/src; the runner's server scripts
//   stay tsc's files (src/runner/deployment.ts looks for them from either place).
// - The input is tsc's output, so tsc alone decides what the TypeScript means; esbuild follows tsc's
//   source maps, and bin.js.map maps the bundle back to src/*.ts.
// - The rest of dist/ (tests, the library entry dist/src/index.js) stays tsc's one file per module.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

/** Packages bundled into the CLI: the ones a plain report run loads. */
const BUNDLED = ["@duckdb/node-api", "commander", "js-yaml"];

const bundledOnly = {
  name: "bundled-only",
  setup(b) {
    // bare package imports outside BUNDLED stay imports of node_modules
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      const pkg = args.path.startsWith("@")
        ? args.path.split("/").slice(0, 2).join("/")
        : args.path.split("/")[0];
      if (args.path.startsWith("node:") || !BUNDLED.includes(pkg)) return { path: args.path, external: true };
      return undefined;
    });
  },
};

const BANNER =
  "import { createRequire as __ftparseCreateRequire } from 'node:module'; const require = __ftparseCreateRequire(import.meta.url);";

/** Bundle SRCDIR/bin.js (tsc's output) in place. A bin.js bundled already is left as it is. */
export async function bundleCli(srcDir) {
  const bin = join(srcDir, "bin.js");
  // bundling a bundle would declare the banner's names twice, and such a CLI does not load
  if (readFileSync(bin, "utf8").includes("__ftparseCreateRequire")) return false;
  await build({
    entryPoints: [join(srcDir, "bin.js")],
    outdir: srcDir,
    allowOverwrite: true,
    bundle: true,
    splitting: true,
    chunkNames: "bin-[hash]",
    format: "esm",
    platform: "node",
    target: "node20",
    sourcemap: true,
    // the bundled CommonJS packages call `require` for what stays external (the native binding); a module
    // of ours must therefore not declare a top-level `require` of its own (the chunk would not load)
    banner: { js: BANNER },
    plugins: [bundledOnly],
    logLevel: "warning",
  });
  return true;
}

// `node scripts/bundle.mjs`: bundle dist/ (already bundled by `npm run build`: then nothing to do)
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const done = await bundleCli(join(dirname(fileURLToPath(import.meta.url)), "..", "dist", "src"));
  if (!done) console.error("dist/src/bin.js is bundled already: nothing to do");
}

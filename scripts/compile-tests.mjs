// Compiles each test file, with the sources it imports by relative path, into one ES module that node runs
// without a TypeScript loader. A loader in every test process costs each of them its start-up and a hook
// call per module; one esbuild pass over all the files costs the run about a second.
//
// Where a test file lives:   packages/<pkg>/<path>.test.ts
// Where its module goes:     packages/<pkg>/dist/test-bundles/<path>.test.mjs
// - It stays inside its package, so bare imports resolve through the same node_modules folders as the source.
// - Other packages are imported by name, as the source does (packages: external): their built dist/ files.
// - `import.meta.url` in every compiled module is the URL of its own .ts source, so paths built from it
//   (fixtures, docs, bins) mean what they mean in the source.
// - Inline source maps (run with --enable-source-maps) make stack traces name the .ts lines.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";

/** Where `file`'s module goes, relative to `root` like `file`, without its extension. */
function bundleBase(file) {
  const [packagesDir, pkg, ...rest] = file.split("/");
  return join(packagesDir, pkg, "dist", "test-bundles", ...rest).replace(/\.ts$/u, "");
}

/** The module compiled from `file` (relative to `root`), relative to `root`. */
export function bundlePath(file) {
  return `${bundleBase(file)}.mjs`;
}

/** Keeps each module's own `import.meta.url` once esbuild has moved its code into a bundle. */
const ownImportMetaUrl = {
  name: "own-import-meta-url",
  setup(build) {
    build.onLoad({ filter: /\.tsx?$/ }, async ({ path }) => {
      const source = await readFile(path, "utf8");
      const contents = source.replaceAll("import.meta.url", JSON.stringify(pathToFileURL(path).href));
      return { contents, loader: path.endsWith(".tsx") ? "tsx" : "ts" };
    });
  },
};

/** Compiles `files` (paths relative to `root`); throws with esbuild's messages when one does not compile. */
export async function compileTests(root, files) {
  await build({
    absWorkingDir: root,
    entryPoints: files.map((file) => ({ in: file, out: bundleBase(file) })),
    outdir: root,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    packages: "external",
    platform: "node",
    target: "node20",
    format: "esm",
    sourcemap: "inline",
    sourcesContent: false,
    plugins: [ownImportMetaUrl],
    logLevel: "warning",
  });
}

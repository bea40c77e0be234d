// Compiles each test file into one ES module that node runs without a TypeScript loader: the test, the
// project's packages it imports (their built dist/ files) and its dependencies, in one file. A test process
// then loads one module instead of about a thousand (the server alone imports some 260 files of its own and
// 700 of kysely, zod, yaml and the rest: about half a CPU-second of every server test file's start).
//
// Where a test file lives:   packages/<pkg>/<path>.test.ts
// Where its module goes:     packages/<pkg>/dist/test-bundles/<path>.test.mjs, its source map beside it
// - It stays inside its package, so the packages left out of the bundle (EXTERNAL) resolve through the same
//   node_modules folders as from the source.
// - `import.meta.url` in every module of the project (a test's .ts, a package's dist/ .js) is the URL of
//   that module's own file, so paths built from it (fixtures, docs, bins, the console's dist/) mean what they
//   mean unbundled.
// - The source map names the project's .ts lines (run with --enable-source-maps); it keeps no mapping into
//   node_modules (scripts/project-mappings.mjs says why).
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { projectMappings } from "./project-mappings.mjs";

/**
 * Packages a test module imports at run time instead of holding: native addons, and packages that read
 * files of their own (a browser driver, a provider's views, a validator's JSON schemas) relative to where
 * they are installed.
 */
const EXTERNAL = [
  "better-sqlite3",
  "pg-native",
  "playwright-core",
  "oidc-provider",
  "@seriousme/openapi-schema-validator",
  "esbuild",
  "typescript",
];

/** CommonJS dependencies inside an ES module still call require() for Node's built-in modules. */
const BANNER = [
  'import { createRequire as __nscCreateRequire } from "node:module";',
  "const require = __nscCreateRequire(import.meta.url);",
].join("\n");

/** Where the code that several test modules share goes, relative to the root. */
const CHUNKS = "dist/test-chunks";

/** Where `file`'s module goes, relative to `root` like `file`, without its extension. */
function bundleBase(file) {
  const [packagesDir, pkg, ...rest] = file.split("/");
  return join(packagesDir, pkg, "dist", "test-bundles", ...rest).replace(/\.ts$/u, "");
}

/** The module compiled from `file` (relative to `root`), relative to `root`. */
export function bundlePath(file) {
  return `${bundleBase(file)}.mjs`;
}

const inNodeModules = (path) => path.includes("/node_modules/") || path.startsWith("node_modules/");

/** Keeps each project module's own `import.meta.url` once esbuild has moved its code into a bundle. */
function ownImportMetaUrl(root) {
  return {
    name: "own-import-meta-url",
    setup(build) {
      build.onLoad({ filter: /\.(ts|tsx|js|mjs)$/ }, async ({ path }) => {
        if (inNodeModules(path) || !path.startsWith(join(root, "packages/"))) return undefined;
        const source = await readFile(path, "utf8");
        const contents = source.replaceAll("import.meta.url", JSON.stringify(pathToFileURL(path).href));
        return { contents, loader: path.endsWith(".tsx") ? "tsx" : path.endsWith(".ts") ? "ts" : "js" };
      });
    },
  };
}

/** Compiles `files` (paths relative to `root`); throws with esbuild's messages when one does not compile. */
export async function compileTests(root, files) {
  // Chunk names carry a hash of their content: an earlier run's chunks would pile up beside this run's.
  await rm(join(root, CHUNKS), { recursive: true, force: true });
  const { outputFiles } = await build({
    absWorkingDir: root,
    entryPoints: files.map((file) => ({ in: file, out: bundleBase(file) })),
    outdir: root,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    splitting: true,
    chunkNames: `${CHUNKS}/[name]-[hash]`,
    external: EXTERNAL,
    platform: "node",
    target: "node20",
    format: "esm",
    banner: { js: BANNER },
    sourcemap: "linked",
    sourcesContent: false,
    plugins: [ownImportMetaUrl(root)],
    logLevel: "warning",
    write: false,
  });
  await Promise.all(
    outputFiles.map(async ({ path, text }) => {
      await mkdir(dirname(path), { recursive: true });
      if (!path.endsWith(".map")) return writeFile(path, text);
      const map = projectMappings(JSON.parse(text), (source) => !inNodeModules(source));
      return writeFile(path, JSON.stringify(map));
    }),
  );
}

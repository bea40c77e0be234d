// Bundles each binary into one ES module with esbuild, from the compiled dist/ files:
//   packages/cli/dist/bundle/nsc.mjs           the whole CLI (no node_modules needed at run time)
//   packages/server/dist/bundle/nsc-server.mjs  the server; better-sqlite3 (native) stays a package import
//   packages/testkit/dist/bundle/tailscale.mjs  the stand-in `tailscale` that end-to-end tests run as processes
// Command families are dynamic imports, which esbuild keeps lazy inside the one file: a module's top-level
// code runs only when its command is used.
import { chmodSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
// CommonJS packages inside an ES module bundle still call require() for Node's built-in modules.
const banner = [
  "#!/usr/bin/env node",
  'import { createRequire as __nscCreateRequire } from "node:module";',
  "const require = __nscCreateRequire(import.meta.url);",
].join("\n");

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  banner: { js: banner },
  legalComments: "none",
  logLevel: "warning",
};

const bundles = [
  { entryPoints: ["packages/cli/dist/nsc-bin.js"], outfile: "packages/cli/dist/bundle/nsc.mjs" },
  {
    entryPoints: ["packages/server/dist/nsc-server-bin.js"],
    outfile: "packages/server/dist/bundle/nsc-server.mjs",
    external: ["better-sqlite3", "pg-native"],
  },
  {
    entryPoints: ["packages/testkit/dist/standin/tailscale-bin.js"],
    outfile: "packages/testkit/dist/bundle/tailscale.mjs",
  },
];
for (const bundle of bundles) {
  await build({ ...common, ...bundle });
  chmodSync(`${root}${bundle.outfile}`, 0o755);
}

#!/usr/bin/env node
// The build after `tsc -b`, from the packages' compiled dist/ files: the esbuild bundles of the binaries
// (scripts/bundle.mjs), the single-file `nsc` executable (scripts/build-sea.mjs) and the console's vite
// build, one after another. `npm run build` runs it after tsc; `npm test` after its typecheck, which has
// written the same dist/.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const steps = [
  { args: ["scripts/bundle.mjs"], cwd: root },
  { args: ["scripts/build-sea.mjs"], cwd: root },
  {
    args: [`${root}node_modules/vite/bin/vite.js`, "build", "--logLevel", "warn"],
    cwd: `${root}packages/console`,
  },
];
for (const { args, cwd } of steps) {
  const { status, signal } = spawnSync(process.execPath, args, { cwd, stdio: "inherit" });
  if (status !== 0) {
    console.error(`build: ${args.join(" ")} failed (${signal ?? `exit ${String(status)}`})`);
    process.exit(1);
  }
}

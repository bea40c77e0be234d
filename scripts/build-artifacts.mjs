#!/usr/bin/env node
// The build after `tsc -b`, from the packages' compiled dist/ files: the esbuild bundles of the binaries
// (scripts/bundle.mjs), the single-file `nsc` executable (scripts/build-sea.mjs) and the console's vite
// build. They need only dist/, not each other, so they run at the same time. `npm run build` runs this after
// tsc; `npm test` after its typecheck, which has written the same dist/.
import { spawn } from "node:child_process";
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
const outcomes = await Promise.all(
  steps.map(
    ({ args, cwd }) =>
      new Promise((resolve) => {
        const child = spawn(process.execPath, args, { cwd, stdio: ["ignore", "inherit", "inherit"] });
        child.once("error", (error) => {
          console.error(`build: ${args.join(" ")} did not start: ${error.message}`);
          resolve(false);
        });
        child.once("close", (code, signal) => {
          if (code !== 0)
            console.error(`build: ${args.join(" ")} failed (${signal ?? `exit ${String(code)}`})`);
          resolve(code === 0);
        });
      }),
  ),
);
process.exitCode = outcomes.every(Boolean) ? 0 : 1;

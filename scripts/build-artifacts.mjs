#!/usr/bin/env node
// The build after `tsc -b`, from the packages' compiled dist/ files: the esbuild bundles of the binaries
// (scripts/bundle.mjs), the single-file `nsc` executable (scripts/build-sea.mjs) and the console's vite
// build. They need only dist/, not each other, so they run at the same time. `npm run build` runs this after
// tsc; `npm test` after its typecheck, which has written the same dist/.
import { fileURLToPath } from "node:url";
import { runNode } from "./node-child.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const steps = [
  { args: ["scripts/bundle.mjs"], cwd: root },
  { args: ["scripts/build-sea.mjs"], cwd: root },
  {
    args: [`${root}node_modules/vite/bin/vite.js`, "build", "--logLevel", "warn"],
    cwd: `${root}packages/console`,
  },
];
const outcomes = await Promise.all(steps.map(({ args, cwd }) => runNode(args, { cwd })));
for (const { ok, output } of outcomes) if (!ok) console.error(`build: ${output}`);
process.exitCode = outcomes.every(({ ok }) => ok) ? 0 : 1;

#!/usr/bin/env node
// Builds packages/cli/dist/sea/nsc: the CLI as one Linux executable that needs no Node and no node_modules
// on the host (Node's single-executable applications). From the compiled dist/ files:
//   1. esbuild bundles dist/nsc-sea.js into one CommonJS script (an executable's embedded script is
//      CommonJS, and its require() reaches only Node's built-in modules, so everything else is inlined;
//      command families stay lazy: esbuild turns their dynamic imports into deferred calls in the file);
//   2. `node --experimental-sea-config` turns the script into a preparation blob;
//   3. postject injects the blob into a copy of the node binary running this script.
// The executable embeds that node binary, so it runs where that binary runs (same OS, architecture and C
// library). The two tools' chatter (a notice per step, and warnings about ELF note sections that are
// harmless) is shown only when a step fails. Injection is most of the cost (seconds: the tool rewrites the
// whole ~100 MB binary), so it is skipped when the executable was already made from the same script, node
// binary and settings (a stamp beside it records them). Prints how long each step took.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const started = Date.now();
const steps = [];
let stepStarted = started;
/** Notes how long the step that just ended took. */
function step(name) {
  const now = Date.now();
  steps.push(`${name} ${((now - stepStarted) / 1000).toFixed(1)} s`);
  stepStarted = now;
}
const root = fileURLToPath(new URL("..", import.meta.url));
const dir = `${root}packages/cli/dist/sea/`;
const script = `${dir}nsc.cjs`;
const config = `${dir}sea-config.json`;
const blob = `${dir}nsc.blob`;
const executable = `${dir}nsc`;
const stamp = `${dir}nsc.stamp`;
// Node's marker for "this binary may carry an embedded script"; the value is fixed by Node.
const SENTINEL_FUSE = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2";
const postjectCli = createRequire(import.meta.url).resolve("postject/dist/cli.js");

/** Runs node with `args`, quietly unless it fails. */
function runNode(args) {
  try {
    execFileSync(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
  } catch (error) {
    process.stderr.write(`${error.stdout ?? ""}${error.stderr ?? ""}`);
    throw new Error(`build-sea: node ${args.join(" ")} failed`);
  }
}

mkdirSync(dir, { recursive: true });
await build({
  absWorkingDir: root,
  entryPoints: ["packages/cli/dist/nsc-sea.js"],
  outfile: script,
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  legalComments: "none",
  logLevel: "warning",
});
step("bundle");
const settings = JSON.stringify({
  main: script,
  output: blob,
  // A released tool: Node's "single executable applications are experimental" notice must not reach the
  // people and scripts reading its stderr.
  disableExperimentalSEAWarning: true,
  // Compiled code in the blob: a faster start; it only has to match the embedded node binary.
  useCodeCache: true,
});
const inputs = createHash("sha256")
  .update(readFileSync(script))
  .update(`\0${process.execPath}\0${process.version}\0${settings}`)
  .digest("hex");
if (existsSync(executable) && existsSync(stamp) && readFileSync(stamp, "utf8") === inputs) {
  console.log(`packages/cli/dist/sea/nsc is up to date (${steps.join(", ")})`);
} else {
  rmSync(stamp, { force: true });
  writeFileSync(config, settings);
  runNode(["--experimental-sea-config", config]);
  step("blob");
  copyFileSync(process.execPath, executable);
  chmodSync(executable, 0o755);
  runNode([postjectCli, executable, "NODE_SEA_BLOB", blob, "--sentinel-fuse", SENTINEL_FUSE]);
  rmSync(blob);
  writeFileSync(stamp, inputs);
  step("inject");
  console.log(
    `built packages/cli/dist/sea/nsc in ${((Date.now() - started) / 1000).toFixed(1)} s (${steps.join(", ")})`,
  );
}

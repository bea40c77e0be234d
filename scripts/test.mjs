#!/usr/bin/env node
// `npm test`: every check of the project, each run once, the independent ones at the same time.
//
//   prettier --check .  ───────────────────────────────────────────────┐
//   typecheck (writes the packages' dist/) ─┬─ lint ───────────────────┤ one exit status,
//                                           └─ build-artifacts ─ tests ┘ every step's time
//
// Prettier needs nothing; lint needs typecheck's programs (scripts/checks.mjs); the bundles, the
// single-file executable and the console's build need the packages' dist/; the test files need all of
// those. After a type error nothing further runs: the packages' dist/ is incomplete. A failing format
// check or lint does not stop the tests: every problem of a change shows in one run.
//
// The test files' output streams as they end; the format check's and lint's reports print when they end.
//
// Usage: node scripts/test.mjs [test path prefix ...]   (the prefixes go to scripts/run-tests.mjs)
import { spawn, spawnSync } from "node:child_process";
import { join } from "node:path";
import { lint, typecheck } from "./checks.mjs";

const root = new URL("..", import.meta.url).pathname.replace(/\/$/u, "");
process.chdir(root);
const started = Date.now();
/** Each step's name, outcome and seconds, in the order they ended. */
const steps = [];
const children = new Set();

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    for (const child of children) child.kill(signal);
    process.exit(signal === "SIGINT" ? 130 : 143);
  });
}

/** Notes that `name`, begun at `since`, ended. */
function ended(name, ok, since) {
  steps.push({ name, ok, seconds: (Date.now() - since) / 1000 });
  return ok;
}

/**
 * Runs `args` (a node script and its arguments) as a child. `capture` keeps its output for the caller;
 * otherwise it writes straight to this process's output. Resolves its output and whether it exited 0.
 */
function run(args, capture) {
  const child = spawn(process.execPath, args, {
    cwd: root,
    stdio: capture ? ["ignore", "pipe", "pipe"] : ["ignore", "inherit", "inherit"],
  });
  children.add(child);
  let output = "";
  if (capture) {
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
  }
  return new Promise((resolve) => {
    child.once("close", (code, signal) => {
      children.delete(child);
      resolve({ ok: code === 0 && signal === null, output: output.trimEnd() });
    });
  });
}

/** Prints a captured report under a heading naming its step. */
function report(name, ok, output) {
  console.log(`\n# ===== ${name}: ${ok ? "ok" : "FAILED"}`);
  if (output !== "") console.log(output);
}

const buildInfo = spawnSync(process.execPath, ["scripts/write-build-info.mjs"], { stdio: "inherit" });
if (buildInfo.status !== 0) process.exit(1);

const formatStarted = Date.now();
const format = run([join(root, "node_modules/prettier/bin/prettier.cjs"), "--check", "."], true).then(
  (result) => {
    report("prettier --check", result.ok, result.output);
    return ended("format", result.ok, formatStarted);
  },
);

// The solution build is synchronous: the format check's output waits in its pipe meanwhile.
const typecheckStarted = Date.now();
const types = typecheck(root);
if (!ended("typecheck", types.errors === 0, typecheckStarted)) {
  console.error(`tsc: ${types.errors} error(s); fix them, then lint, the build and the tests run`);
  await format;
  summarize();
  process.exit(1);
}

const lintStarted = Date.now();
const linted = lint(root, types.programs).then((result) => {
  report("lint", result.ok, result.output);
  return ended("lint", result.ok, lintStarted);
});

const tested = (async () => {
  const buildStarted = Date.now();
  const build = await run([join(root, "scripts/build-artifacts.mjs")], false);
  if (!ended("build", build.ok, buildStarted)) return false;
  const testsStarted = Date.now();
  const tests = await run([join(root, "scripts/run-tests.mjs"), ...process.argv.slice(2)], false);
  return ended("tests", tests.ok, testsStarted);
})();

const outcomes = await Promise.all([format, linted, tested]);
summarize();
process.exit(outcomes.every(Boolean) ? 0 : 1);

function summarize() {
  const parts = steps.map(
    ({ name, ok, seconds }) => `${name} ${ok ? "ok" : "FAILED"} ${seconds.toFixed(0)} s`,
  );
  console.log(`\n# npm test in ${((Date.now() - started) / 1000).toFixed(0)} s: ${parts.join(", ")}`);
}

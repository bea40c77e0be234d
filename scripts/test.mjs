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
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { lint, typecheck } from "./checks.mjs";
import { runNode, running } from "./node-child.mjs";

const root = new URL("..", import.meta.url).pathname.replace(/\/$/u, "");
process.chdir(root);
const started = Date.now();
/** Each step's name, outcome and seconds, in the order they ended. */
const steps = [];

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    for (const child of running) child.kill(signal);
    process.exit(signal === "SIGINT" ? 130 : 143);
  });
}

/** Notes that `name`, begun at `since`, ended. */
function ended(name, ok, since) {
  steps.push({ name, ok, seconds: (Date.now() - since) / 1000 });
  return ok;
}

/** Prints a captured report under a heading naming its step. */
function report(name, ok, output) {
  console.log(`\n# ===== ${name}: ${ok ? "ok" : "FAILED"}`);
  if (output !== "") console.log(output);
}

const buildInfo = spawnSync(process.execPath, ["scripts/write-build-info.mjs"], { stdio: "inherit" });
if (buildInfo.status !== 0) process.exit(1);

const formatStarted = Date.now();
const format = runNode([join(root, "node_modules/prettier/bin/prettier.cjs"), "--check", "."], {
  cwd: root,
  capture: true,
}).then((result) => {
  report("prettier --check", result.ok, result.output);
  return ended("format", result.ok, formatStarted);
});

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
  const build = await runNode([join(root, "scripts/build-artifacts.mjs")], { cwd: root });
  if (!ended("build", build.ok, buildStarted)) return false;
  const testsStarted = Date.now();
  const tests = await runNode([join(root, "scripts/run-tests.mjs"), ...process.argv.slice(2)], { cwd: root });
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

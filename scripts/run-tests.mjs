#!/usr/bin/env node
// Compiles every test file of the packages (scripts/compile-tests.mjs), then runs each, and the build
// scripts' own tests (scripts/*.test.mjs, as they are), in its own node process and process group, a few
// at a time.
//
// PostgreSQL is decided once:
// - reachable: storage and API tests run on SQLite and on PostgreSQL (NSC_TEST_POSTGRES_URL is passed on);
// - unreachable and CI=true (or NSC_REQUIRE_POSTGRES=1): fail, so CI never silently halves its coverage;
// - unreachable elsewhere: run the SQLite half and say what was skipped.
//
// Budgets (milliseconds unless noted; environment variables override):
// - NSC_TEST_HANG_MS (120000): a file in which no test finishes for this long is hung: it is killed and fails;
// - NSC_TEST_FILE_LIMIT_MS (600000): the most one file may take;
// - NSC_TEST_CONCURRENCY (3): files run at once.
// Files known to be long start first. At the end every file's duration is printed, slowest first.
//
// Nothing outlives the run: every process a test file starts inherits NSC_TEST_RUN (this run's ID and the
// file's number). When a file ends, any process still carrying its mark is reported, killed, and fails the
// file; at the end the whole run is checked the same way. SIGINT/SIGTERM kill every file's process group.
//
// Usage: node scripts/run-tests.mjs [path-prefix ...]
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createConnection } from "node:net";
import { join, relative } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { bundlePath, compileTests } from "./compile-tests.mjs";

const root = new URL("..", import.meta.url).pathname;
const filters = process.argv.slice(2);
const pgUrl = process.env.NSC_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const requirePostgres = process.env.CI === "true" || process.env.NSC_REQUIRE_POSTGRES === "1";
const hangMs = Number(process.env.NSC_TEST_HANG_MS ?? 120_000);
const fileLimitMs = Number(process.env.NSC_TEST_FILE_LIMIT_MS ?? 600_000);
const concurrency = Math.max(1, Number(process.env.NSC_TEST_CONCURRENCY ?? 3));
const runId = randomBytes(6).toString("hex");
const MARK = "NSC_TEST_RUN";

/** Files that take longest start first, so the run does not end waiting on one of them. */
const LONG_FIRST = [
  "packages/cli/test/tailscale-join-scale-cli.test.ts",
  "packages/cli/test/binaries-e2e.test.ts",
  "packages/cli/test/tailscale-join-process-e2e.test.ts",
  "packages/console/test/",
  "packages/cli/test/federation-e2e.test.ts",
  "packages/server/test/",
  "packages/cli/test/",
];

function findTests(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name === "dist") continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) findTests(path, out);
    else if (name.endsWith(".test.ts") || name.endsWith(".test.mjs")) out.push(relative(root, path));
  }
  return out;
}

function reachable(url) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname, port: Number(port || 5432) });
    socket.setTimeout(2000);
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => (socket.destroy(), resolve(false)));
  });
}

function rank(file) {
  const index = LONG_FIRST.findIndex((prefix) => file.startsWith(prefix));
  return index === -1 ? LONG_FIRST.length : index;
}

/** Processes (other than this one) whose environment carries `mark`, with their command lines. */
function marked(mark) {
  if (!existsSync("/proc/self/environ")) return [];
  const found = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/u.test(name) || Number(name) === process.pid) continue;
    try {
      const environ = readFileSync(`/proc/${name}/environ`, "latin1").split("\0");
      if (!environ.some((entry) => entry === mark || entry.startsWith(`${mark}:`))) continue;
      const command = readFileSync(`/proc/${name}/cmdline`, "latin1").split("\0").join(" ").trim();
      found.push({ pid: Number(name), command });
    } catch {
      // Gone, or not ours to read.
    }
  }
  return found;
}

/** Leftovers of `mark` after a short grace for processes already being killed; kills what remains. */
async function leftovers(mark) {
  let found = marked(mark);
  for (let i = 0; found.length > 0 && i < 20; i++) {
    await delay(100);
    found = marked(mark);
  }
  for (const { pid } of found) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
  return found;
}

// The packages' tests, and the build scripts' own (plain ES modules, run as they are).
const files = [...findTests(join(root, "packages")), ...findTests(join(root, "scripts"))]
  .filter((f) => filters.length === 0 || filters.some((p) => f.startsWith(p)))
  .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
if (files.length === 0) {
  console.error("no test files matched");
  process.exit(1);
}

await compileTests(
  root,
  files.filter((file) => file.endsWith(".ts")),
);

const env = { ...process.env };
// Test processes trust only the certificate authorities the tests make. Node reads NODE_EXTRA_CA_CERTS
// (a host's whole CA bundle, where one is set) at every process start: about 65 ms of CPU here, in each of
// the several hundred Node processes a run starts.
delete env.NODE_EXTRA_CA_CERTS;
if (await reachable(pgUrl)) {
  env.NSC_TEST_POSTGRES_URL = pgUrl;
  console.log(
    `PostgreSQL: ${new URL(pgUrl).host} reachable, storage and API tests run on SQLite and PostgreSQL`,
  );
} else if (requirePostgres) {
  console.error(
    `PostgreSQL at ${new URL(pgUrl).host} is unreachable, and CI requires it. Start it, or set NSC_TEST_POSTGRES_URL.`,
  );
  process.exit(1);
} else {
  delete env.NSC_TEST_POSTGRES_URL;
  console.log(
    `PostgreSQL at ${new URL(pgUrl).host} unreachable: the PostgreSQL half of storage and API tests is SKIPPED`,
  );
}
console.log(
  `${files.length} test files, ${concurrency} at a time; a file fails when no test finishes for ${hangMs / 1000} s or it runs over ${fileLimitMs / 1000} s`,
);

const running = new Map();
let interrupted = false;

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, async () => {
    interrupted = true;
    console.error(`\n${signal}: stopping ${running.size} running test files`);
    for (const child of running.values()) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    }
    await leftovers(`${MARK}=${runId}`);
    process.exit(signal === "SIGINT" ? 130 : 143);
  });
}

/** Runs one file; resolves with its outcome. Its output is printed in one piece when it ends. */
function runFile(file, index) {
  const mark = `${MARK}=${runId}:${index}`;
  const started = Date.now();
  return new Promise((resolve) => {
    const module = file.endsWith(".ts") ? bundlePath(file) : file;
    const child = spawn(process.execPath, ["--enable-source-maps", "--test-reporter=tap", module], {
      cwd: root,
      env: { ...env, [MARK]: `${runId}:${index}` },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    running.set(file, child);
    let output = "";
    let problem;
    let lastProgress = Date.now();
    const kill = (why) => {
      problem ??= why;
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    };
    const onData = (chunk) => {
      const text = chunk.toString();
      output += text;
      if (/^\s*(not )?ok \d+ /mu.test(text)) lastProgress = Date.now();
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    const watchdog = setInterval(() => {
      const now = Date.now();
      if (now - lastProgress > hangMs) kill(`hung: no test finished for ${hangMs / 1000} s`);
      else if (now - started > fileLimitMs) kill(`over the file limit of ${fileLimitMs / 1000} s`);
    }, 1000);
    child.once("close", async (code, signal) => {
      clearInterval(watchdog);
      running.delete(file);
      const durationMs = Date.now() - started;
      // Anything still carrying the file's mark, in its group or not, is a process the file left behind:
      // reported and killed. Then the rest of the file's group goes too.
      const left = await leftovers(mark);
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // The group is empty.
      }
      if (left.length > 0) {
        problem ??= `left ${left.length} processes running: ${left.map((p) => `${p.pid} ${p.command}`).join("; ")}`;
      }
      const counts = {};
      for (const key of ["tests", "pass", "fail", "cancelled", "skipped", "todo"]) {
        const match = new RegExp(`^# ${key} (\\d+)$`, "mu").exec(output);
        counts[key] = match === null ? 0 : Number(match[1]);
      }
      if (problem === undefined && (code !== 0 || signal !== null)) problem = `exited with ${code ?? signal}`;
      resolve({ file, durationMs, ok: problem === undefined, problem, counts, output });
    });
  });
}

const results = [];
const queue = files.map((file, index) => ({ file, index }));
const runStarted = Date.now();
async function worker() {
  for (;;) {
    const next = queue.shift();
    if (next === undefined || interrupted) return;
    const result = await runFile(next.file, next.index);
    results.push(result);
    process.stdout.write(`\n# ===== ${result.file} (${(result.durationMs / 1000).toFixed(1)} s)\n`);
    process.stdout.write(result.output);
    if (!result.ok) process.stdout.write(`\nnot ok - ${result.file}: ${result.problem}\n`);
  }
}
await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, () => worker()));

const runLeft = await leftovers(`${MARK}=${runId}`);
const totals = { tests: 0, pass: 0, fail: 0, cancelled: 0, skipped: 0, todo: 0 };
for (const result of results) for (const key of Object.keys(totals)) totals[key] += result.counts[key];
const failed = results.filter((result) => !result.ok);

console.log("\n# File durations, slowest first:");
for (const result of [...results].sort((a, b) => b.durationMs - a.durationMs)) {
  const seconds = (result.durationMs / 1000).toFixed(1).padStart(7);
  console.log(`#   ${seconds} s  ${result.ok ? "ok    " : "FAILED"}  ${result.file}`);
}
console.log(
  `# ${results.length} files in ${((Date.now() - runStarted) / 1000).toFixed(1)} s: ` +
    Object.entries(totals)
      .map(([key, value]) => `${key} ${value}`)
      .join(", "),
);
for (const result of failed) console.log(`# FAILED ${result.file}: ${result.problem}`);
if (runLeft.length > 0) {
  console.log(`# FAILED: ${runLeft.length} processes of this run were still alive at the end (killed now):`);
  for (const { pid, command } of runLeft) console.log(`#   ${pid} ${command}`);
}
process.exit(failed.length > 0 || runLeft.length > 0 || results.length < files.length ? 1 : 0);

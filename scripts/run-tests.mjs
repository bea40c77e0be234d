#!/usr/bin/env node
// Runs every test file with node's test runner. Decides once whether PostgreSQL is available:
// - reachable: storage and API tests run on SQLite and on PostgreSQL (NSC_TEST_POSTGRES_URL is passed on);
// - unreachable and CI=true (or NSC_REQUIRE_POSTGRES=1): fail, so CI never silently halves its coverage;
// - unreachable elsewhere: run the SQLite half and say what was skipped.
// Usage: node scripts/run-tests.mjs [path-prefix ...]
import { spawn } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { createConnection } from "node:net";

const root = new URL("..", import.meta.url).pathname;
const filters = process.argv.slice(2);
const pgUrl = process.env.NSC_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const requirePostgres = process.env.CI === "true" || process.env.NSC_REQUIRE_POSTGRES === "1";

function findTests(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name === "dist") continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) findTests(path, out);
    else if (name.endsWith(".test.ts")) out.push(relative(root, path));
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

const files = findTests(join(root, "packages"))
  .filter((f) => filters.length === 0 || filters.some((p) => f.startsWith(p)))
  .sort();
if (files.length === 0) {
  console.error("no test files matched");
  process.exit(1);
}

const env = { ...process.env };
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

const child = spawn(
  process.execPath,
  ["--import", "tsx", "--test", "--test-concurrency=2", "--test-timeout=120000", ...files],
  { cwd: root, env, stdio: "inherit" },
);
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

import { randomBytes } from "node:crypto";
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SqliteDatabase from "better-sqlite3";
import { createLogger } from "../log/logger.js";
import type { Executor } from "../store/executor.js";
import { openStore } from "../store/open-store.js";
import { precompiled } from "../store/precompiled.js";
import { createWorkspace } from "../workspaces/workspaces.js";

/**
 * `npm run bench:per-request`: what the issuance path's per-request work costs, each change's before and
 * after measured in the same run, interleaved, as ratios — the spec-audience query built and compiled by
 * Kysely per request against compiled once; the request log line through the logger's generic `info`
 * against its `request` (the line put together from its parts); and an SQLite audit commit with its disk
 * sync (`synchronous=FULL`) against without it. NSC_BENCH_DATABASE_URL adds the queries on PostgreSQL.
 */
async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "nsc-per-request-"));
  try {
    await queries(`sqlite:${join(dir, "nsc.db")}`, "SQLite");
    const pg = process.env.NSC_BENCH_DATABASE_URL;
    if (pg !== undefined) await queries(pg, "PostgreSQL");
    await requestLog();
    auditCommit(join(dir, "commit.db"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `op` for about `ms` milliseconds; returns operations per second. */
async function rate(op: () => Promise<void> | void, ms: number): Promise<number> {
  const until = performance.now() + ms;
  let n = 0;
  const started = performance.now();
  while (performance.now() < until) {
    for (let i = 0; i < 100; i++) {
      const pending = op();
      if (pending !== undefined) await pending;
    }
    n += 100;
  }
  return n / ((performance.now() - started) / 1000);
}

/** The best of three interleaved rounds of each (the others met more interference). */
async function compare(
  name: string,
  before: () => Promise<void> | void,
  after: () => Promise<void> | void,
  ms = 700,
): Promise<void> {
  const a: number[] = [];
  const b: number[] = [];
  for (let round = 0; round < 3; round++) {
    a.push(await rate(before, ms));
    b.push(await rate(after, ms));
  }
  const [x, y] = [Math.max(...a), Math.max(...b)];
  console.log(
    `${name}: before ${Math.round(x).toLocaleString("en-US")}/s (${(1e6 / x).toFixed(1)} µs), after ${Math.round(y).toLocaleString("en-US")}/s (${(1e6 / y).toFixed(1)} µs): ${(y / x).toFixed(2)}×`,
  );
}

async function queries(url: string, label: string): Promise<void> {
  const store = await openStore(url);
  try {
    const now = Date.now();
    const workspace = await createWorkspace(
      store.db,
      `bench-${randomBytes(4).toString("hex")}`,
      now,
      randomBytes,
    );
    const workspaceId = workspace.workspace.id;
    for (const name of ["corp", "linux", "gpu"]) {
      await store.db
        .insertInto("tailscale_specs")
        .values({
          workspace_id: workspaceId,
          name,
          oauth_client_id: `k${name}`,
          tags: '["tag:ci"]',
          enable_magic_dns: 1,
          login_server: null,
          audience: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
    const build = (db: Executor, id: string) =>
      db
        .selectFrom("tailscale_specs")
        .select(["name", "oauth_client_id", "audience"])
        .where("workspace_id", "=", id);
    const compiledOnce = precompiled((db) => build(db, "").compile());
    console.log(`\n## The spec-audience query of POST /v1/id-token (${label})`);
    await compare(
      "built and compiled per request → compiled once",
      async () => {
        await build(store.db, workspaceId).execute();
      },
      async () => {
        await compiledOnce(store.db, [workspaceId]);
      },
    );
  } finally {
    await store.close();
  }
}

/** The request log line through the logger's generic `info` against its `request`, which builds the line from its parts. */
async function requestLog(): Promise<void> {
  const nul = openSync("/dev/null", "w");
  try {
    const requestId = randomBytes(12).toString("base64url");
    let n = 0;
    // Both given what the app's middleware has at hand, as it gives them.
    const pair = (write: (line: string) => void): [() => void, () => void] => {
      const logger = createLogger({ write });
      return [
        () => {
          const ms = (n++ % 100) / 10;
          logger.info("request", {
            method: "POST",
            path: "/v1/id-token",
            status: 200,
            ms,
            request_id: requestId,
          });
        },
        () => {
          const ms = (n++ % 100) / 10;
          logger.request({ method: "POST", path: "/v1/id-token", status: 200, ms, requestId });
        },
      ];
    };
    console.log(`\n## The request log line`);
    await compare("formatting only: info() → request()", ...pair(() => undefined), 300);
    await compare(
      "formatted and written to /dev/null: info() → request()",
      ...pair((line) => writeSync(nul, line)),
      300,
    );
  } finally {
    closeSync(nul);
  }
}

function auditCommit(path: string): void {
  const db = new SqliteDatabase(path);
  db.pragma("journal_mode = WAL");
  db.exec("create table audit (id integer primary key, detail text not null)");
  const insert = db.prepare("insert into audit (detail) values (?)");
  const detail = JSON.stringify({
    jti: randomBytes(16).toString("base64url"),
    audience: "api.tailscale.com/k1",
  });
  const batch = db.transaction((n: number) => {
    for (let i = 0; i < n; i++) insert.run(detail);
  });
  console.log(`\n## An SQLite audit commit (WAL), per batch of 32 events`);
  for (const sync of ["FULL", "NORMAL", "OFF"]) {
    db.pragma(`synchronous = ${sync}`);
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t0 = performance.now();
      batch(32);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const at = (q: number): number => times[Math.floor(q * (times.length - 1))] ?? NaN;
    console.log(
      `synchronous=${sync}: commit p50 ${at(0.5).toFixed(3)} ms, p99 ${at(0.99).toFixed(3)} ms (the event loop is blocked for it)`,
    );
  }
  db.close();
}

await main();

import assert from "node:assert/strict";
import { dirname } from "node:path";
import type { TestDatabase } from "@nsc/server/testing";
import { NSC_BIN, TAILSCALE_BIN, cliEnv, runNode, startServer, type RunResult } from "@nsc/testkit";
import {
  assembleFederation,
  readArgvLog,
  workloadEnv,
  type Federation,
  type Workload,
} from "./federation.js";

/** The stand-in `tailscale` command's folder, to put first on PATH. */
export const TAILSCALE_BIN_DIR = dirname(TAILSCALE_BIN);

/**
 * A {@link Federation} of real processes: `nsc-server`, every `nsc` run and every `tailscale` the agent runs
 * are their own processes (each in its own process group, killed with the test). For the thin end-to-end
 * layer only; behavioural tests use the in-process `startFederation`. `serverArgs` are further `nsc-server`
 * flags.
 */
export async function startProcessFederation(
  database: TestDatabase,
  serverArgs: readonly string[] = [],
): Promise<Federation> {
  const db =
    database.name === "sqlite" ? { url: undefined, drop: () => Promise.resolve() } : await database.create();
  const server = await startServer({
    args: serverArgs,
    ...(db.url === undefined ? {} : { databaseUrl: db.url }),
  });
  const adminEnv = cliEnv();
  const login = await runNode(
    NSC_BIN,
    ["login", "--endpoint", server.url, "--token", "-"],
    adminEnv,
    server.adminToken(),
  );
  assert.equal(login.code, 0, login.stderr);
  const nsc = (...args: string[]): Promise<RunResult> => runNode(NSC_BIN, args, adminEnv);
  const describe = await nsc("workspace", "describe", "-o", "json");
  const workspaceId = (JSON.parse(describe.stdout) as { id: string }).id;
  return assembleFederation({
    url: server.url,
    workspaceId,
    adminToken: server.adminToken(),
    serverLog: () => server.stderr(),
    nsc,
    workload: processWorkload,
    close: async () => {
      await server.stop();
      await db.drop();
    },
  });
}

/** A workload whose `nsc` is the real binary, with the stand-in `tailscale` first on PATH. */
export function processWorkload(instance: Workload["instance"], dir: string, tokenFile: string): Workload {
  const env: NodeJS.ProcessEnv = {
    ...cliEnv(),
    ...workloadEnv(dir, tokenFile),
    PATH: `${TAILSCALE_BIN_DIR}:${process.env.PATH ?? ""}`,
  };
  delete env.TESTKIT_TAILSCALE_VERSION;
  const argvLog = env.TESTKIT_TAILSCALE_ARGV_LOG ?? "";
  return {
    instance,
    tokenFile,
    env,
    argvLog,
    nsc: (...args: string[]) => runNode(NSC_BIN, args, env),
    nscWith: (extra: NodeJS.ProcessEnv, ...args: string[]) => runNode(NSC_BIN, args, { ...env, ...extra }),
    argvs: () => readArgvLog(argvLog),
    retryWaits: () => [],
  };
}

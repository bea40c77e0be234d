import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { TestDatabase } from "../../../server/src/test-support/test-databases.js";
import {
  NSC_BIN,
  TAILSCALE_BIN,
  cliEnv,
  runNode,
  startServer,
  startTailscaleEmulator,
  type RunResult,
} from "@nsc/testkit";
import {
  SEED_TAGS,
  readArgvLog,
  registerOverHttp,
  setSpecArgs,
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
  const emulator = await startTailscaleEmulator({
    adminApiKey: "tskey-api-test",
    allowInsecureLoopbackIssuer: true,
  });
  const credential = emulator.createTrustCredential({
    issuer: server.url,
    subject: `${workspaceId}/*`,
    scopes: ["auth_keys"],
    tags: [...SEED_TAGS],
  });
  const setSpec = async (
    name: string,
    clientId: string,
    tags: readonly string[],
    magicDns: boolean,
  ): Promise<void> => {
    const result = await nsc(...setSpecArgs(name, clientId, tags, magicDns, emulator.url));
    assert.equal(result.code, 0, result.stderr);
  };
  await setSpec("corp", credential.clientId, SEED_TAGS, true);

  return {
    server: { url: server.url },
    emulator,
    credential,
    workspaceId,
    adminToken: server.adminToken(),
    serverLog: () => server.stderr(),
    nsc,
    setSpec,
    register: async (...args: string[]) => {
      const dir = mkdtempSync(join(tmpdir(), "nsc-workload-"));
      const tokenFile = join(dir, "token.json");
      const created = await nsc("instances", "create", ...args, "--token-file", tokenFile, "-o", "json");
      assert.equal(created.code, 0, created.stderr);
      const { instance } = JSON.parse(created.stdout) as { instance: Workload["instance"] };
      return processWorkload(instance, dir, tokenFile);
    },
    registerDirect: async (body) => {
      const created = await registerOverHttp(server.url, server.adminToken(), body);
      return processWorkload(created.instance, created.dir, created.tokenFile);
    },
    devicesNamed: (hostname) => emulator.state.devices().filter((device) => device.hostname === hostname),
    close: async () => {
      await emulator.close();
      await server.stop();
      await db.drop();
    },
  };
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

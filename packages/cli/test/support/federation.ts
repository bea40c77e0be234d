import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
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
  type ServerProcess,
  type TailscaleEmulator,
  type TrustCredential,
} from "@nsc/testkit";

/** The tags of the seed's spec `corp`, which the main trust credential allows. */
export const SEED_TAGS = ["tag:namespace", "tag:ci"] as const;

/**
 * A real `nsc-server` on a fresh database, logged in as admin; a Tailscale emulator trusting the server
 * as issuer for the workspace's subjects (`<ws>/*`, tags tag:namespace and tag:ci); and spec `corp` for
 * that trust credential (Magic DNS on, login server = the emulator).
 */
export interface Federation {
  readonly server: ServerProcess;
  readonly emulator: TailscaleEmulator;
  readonly credential: TrustCredential;
  readonly workspaceId: string;
  /** Runs `nsc` as the admin. */
  nsc(...args: string[]): Promise<RunResult>;
  /**
   * `nsc integrations tailscale set <name> …` for the emulator (or `--login-server` in `extra`), failing the
   * test when it fails.
   */
  setSpec(
    name: string,
    clientId: string,
    tags: readonly string[],
    magicDns: boolean,
    ...extra: string[]
  ): Promise<void>;
  /** Registers an instance with `nsc instances create … --token-file`; returns it and a workload for it. */
  register(...args: string[]): Promise<Workload>;
  /** Registers an instance with one `POST /v1/instances` (cheaper when many are needed). */
  registerDirect(body: Readonly<Record<string, unknown>>): Promise<Workload>;
  /** The emulator's devices with this hostname. */
  devicesNamed(hostname: string): ReturnType<TailscaleEmulator["state"]["devices"]>;
  close(): Promise<void>;
}

/** A registered instance, and everything a process on it needs. */
export interface Workload {
  readonly instance: {
    readonly id: string;
    readonly hostname: string;
    readonly subject: string;
    readonly tailscale_spec: string | null;
    readonly spec_source: string;
  };
  readonly tokenFile: string;
  /** The workload's environment: token file, stand-in `tailscale` first on PATH, its own node state. */
  readonly env: NodeJS.ProcessEnv;
  readonly argvLog: string;
  /** Runs `nsc` on the workload. */
  nsc(...args: string[]): Promise<RunResult>;
  /** Runs `nsc` on the workload with some variables added, e.g. `TESTKIT_TAILSCALE_VERSION`. */
  nscWith(extra: NodeJS.ProcessEnv, ...args: string[]): Promise<RunResult>;
  /** Every `tailscale` argv run so far. */
  argvs(): string[][];
}

/** The stand-in `tailscale` command's folder, to put first on PATH. */
export const TAILSCALE_BIN_DIR = dirname(TAILSCALE_BIN);

export async function startFederation(database: TestDatabase): Promise<Federation> {
  const db =
    database.name === "sqlite" ? { url: undefined, drop: () => Promise.resolve() } : await database.create();
  const server = await startServer(db.url === undefined ? {} : { databaseUrl: db.url });
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
    ...extra: string[]
  ): Promise<void> => {
    const args = [
      "integrations",
      "tailscale",
      "set",
      name,
      "--oauth-client-id",
      clientId,
      ...(extra.includes("--login-server") ? [] : ["--login-server", emulator.url]),
      ...extra,
    ];
    for (const tag of tags) args.push("--tag", tag);
    if (magicDns) args.push("--enable-magic-dns");
    const result = await nsc(...args);
    assert.equal(result.code, 0, result.stderr);
  };
  await setSpec("corp", credential.clientId, SEED_TAGS, true);

  const register = async (...args: string[]): Promise<Workload> => {
    const dir = mkdtempSync(join(tmpdir(), "nsc-workload-"));
    const tokenFile = join(dir, "token.json");
    const created = await nsc("instances", "create", ...args, "--token-file", tokenFile, "-o", "json");
    assert.equal(created.code, 0, created.stderr);
    const { instance } = JSON.parse(created.stdout) as { instance: Workload["instance"] };
    return workloadFor(instance, dir, tokenFile);
  };

  const registerDirect = async (body: Readonly<Record<string, unknown>>): Promise<Workload> => {
    const response = await fetch(`${server.url}/v1/instances`, {
      method: "POST",
      headers: { authorization: `Bearer ${server.adminToken()}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    assert.equal(response.status, 201);
    const created = (await response.json()) as { instance: Workload["instance"]; workload_token: string };
    const dir = mkdtempSync(join(tmpdir(), "nsc-workload-"));
    const tokenFile = join(dir, "token.json");
    writeFileSync(tokenFile, JSON.stringify({ bearer_token: created.workload_token, endpoint: server.url }), {
      mode: 0o600,
    });
    return workloadFor(created.instance, dir, tokenFile);
  };

  return {
    server,
    emulator,
    credential,
    workspaceId,
    nsc,
    setSpec,
    register,
    registerDirect,
    devicesNamed: (hostname) => emulator.state.devices().filter((device) => device.hostname === hostname),
    close: async () => {
      await emulator.close();
      await server.stop();
      await db.drop();
    },
  };
}

/** A workload for an instance whose token file is in `dir`. */
export function workloadFor(instance: Workload["instance"], dir: string, tokenFile: string): Workload {
  const argvLog = join(dir, "tailscale-argv.log");
  const env = cliEnv({
    NSC_TOKEN_FILE: tokenFile,
    NSC_METADATA_DIR: join(dir, "no-metadata"),
    TESTKIT_TAILSCALE_STATE_DIR: join(dir, "tailscale-state"),
    TESTKIT_TAILSCALE_ARGV_LOG: argvLog,
    PATH: `${TAILSCALE_BIN_DIR}:${process.env.PATH ?? ""}`,
  });
  delete env.TESTKIT_TAILSCALE_VERSION;
  return {
    instance,
    tokenFile,
    env,
    argvLog,
    nsc: (...args: string[]) => runNode(NSC_BIN, args, env),
    nscWith: (extra: NodeJS.ProcessEnv, ...args: string[]) => runNode(NSC_BIN, args, { ...env, ...extra }),
    argvs: () =>
      existsSync(argvLog)
        ? readFileSync(argvLog, "utf8")
            .trim()
            .split("\n")
            .map((line) => JSON.parse(line) as string[])
        : [],
  };
}

/** A failed run: non-zero exit, one line on stderr containing `text` and ending with `[code]`. */
export function assertFailure(result: RunResult, code: string, text: string): void {
  assert.notEqual(result.code, 0, `expected a failure, got ${JSON.stringify(result)}`);
  const lines = result.stderr.trimEnd().split("\n");
  assert.equal(lines.length, 1, result.stderr);
  assert.ok(lines[0]?.endsWith(`[${code}]`), `${result.stderr} should end with [${code}]`);
  assert.ok(
    (lines[0] ?? "").includes(text),
    `${JSON.stringify(result.stderr)} should contain ${JSON.stringify(text)}`,
  );
  assert.doesNotMatch(result.stderr, /\n\s+at /u);
}

const SECRETS = [/nscw_/u, /eyJ[\w-]+\.[\w-]+\.[\w-]*/u, /tskey-auth-/u, /tskey-api-/u];

/** Fails when any text shows a workload token, a JWT or a Tailscale key. */
export function assertNoSecrets(...texts: string[]): void {
  for (const text of texts) {
    for (const secret of SECRETS)
      assert.doesNotMatch(text, secret, `secret in ${JSON.stringify(text.slice(0, 400))}`);
  }
}

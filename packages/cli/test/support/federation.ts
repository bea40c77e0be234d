import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startInProcessServer, type InProcessServer, type TestDatabase } from "@nsc/server/testing";
import {
  runNsc,
  startTailscaleEmulator,
  type RunResult,
  type TailscaleEmulator,
  type TrustCredential,
} from "@nsc/testkit";

/** The tags of the seed's spec `corp`, which the main trust credential allows. */
export const SEED_TAGS = ["tag:namespace", "tag:ci"] as const;

/**
 * An nsc server on a fresh database, logged in as admin; a Tailscale emulator trusting the server as
 * issuer for the workspace's subjects (`<ws>/*`, tags tag:namespace and tag:ci); and spec `corp` for that
 * trust credential (Magic DNS on, login server = the emulator). {@link startFederation} runs all of it, `nsc`
 * and the stand-in `tailscale` included, in the test's process; `startProcessFederation`
 * (`process-federation.ts`) runs the real binaries.
 */
export interface Federation {
  readonly server: { readonly url: string };
  readonly emulator: TailscaleEmulator;
  readonly credential: TrustCredential;
  readonly workspaceId: string;
  /** The admin API token of the workspace. */
  readonly adminToken: string;
  /** Everything the server logged so far. */
  serverLog(): string;
  /** Runs `nsc` as the admin. */
  nsc(...args: string[]): Promise<RunResult>;
  /**
   * `nsc integrations tailscale set <name> …` for the emulator (or the `--login-server` in `extra`), with
   * `extra` flags appended, failing the test when it fails.
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
  /** The workload's environment: token file, its own config and node state, the argv log. */
  readonly env: NodeJS.ProcessEnv;
  readonly argvLog: string;
  /** Runs `nsc` on the workload. */
  nsc(...args: string[]): Promise<RunResult>;
  /** Runs `nsc` on the workload with some variables added, e.g. `TESTKIT_TAILSCALE_VERSION`. */
  nscWith(extra: NodeJS.ProcessEnv, ...args: string[]): Promise<RunResult>;
  /** Every `tailscale` argv run so far. */
  argvs(): string[][];
  /** Every retry wait `nsc` asked for so far, in milliseconds (in-process runs only; none waited). */
  retryWaits(): readonly number[];
}

/** Starts a {@link Federation} in this process: in-process server, emulator, `nsc` and stand-in `tailscale`. */
export async function startFederation(
  database: TestDatabase,
  options: Parameters<typeof startInProcessServer>[1] = {},
): Promise<Federation> {
  const server = await startInProcessServer(database, options);
  try {
    return await federationOn(server);
  } catch (error) {
    await server.close();
    throw error;
  }
}

async function federationOn(server: InProcessServer): Promise<Federation> {
  const adminEnv: NodeJS.ProcessEnv = { NSC_CONFIG_DIR: mkdtempSync(join(tmpdir(), "nsc-cli-")) };
  const login = await runNsc(["login", "--endpoint", server.url, "--token", "-"], {
    env: adminEnv,
    stdin: server.adminToken,
  });
  assert.equal(login.code, 0, login.stderr);
  return assembleFederation({
    url: server.url,
    workspaceId: server.workspaceId,
    adminToken: server.adminToken,
    serverLog: () => server.logs(),
    nsc: (...args) => runNsc(args, { env: adminEnv }),
    workload: inProcessWorkload,
    close: () => server.close(),
  });
}

/** What differs between an in-process and a real-process federation: the server and how `nsc` runs. */
export interface FederationParts {
  readonly url: string;
  readonly workspaceId: string;
  readonly adminToken: string;
  serverLog(): string;
  /** Runs `nsc` as the admin, already logged in. */
  readonly nsc: (...args: string[]) => Promise<RunResult>;
  /** A workload for a registered instance whose token file is in `dir`. */
  workload(instance: Workload["instance"], dir: string, tokenFile: string): Workload;
  /** Stops the server. */
  close(): Promise<void>;
}

/**
 * The rest of a {@link Federation}, the same for both kinds: the emulator trusting the server for the
 * workspace's subjects, spec `corp` for that credential, registration, and closing in order.
 */
export async function assembleFederation(parts: FederationParts): Promise<Federation> {
  const { nsc } = parts;
  const emulator = await startTailscaleEmulator({
    adminApiKey: "tskey-api-test",
    allowInsecureLoopbackIssuer: true,
  });
  const credential = emulator.createTrustCredential({
    issuer: parts.url,
    subject: `${parts.workspaceId}/*`,
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
    const result = await nsc(...setSpecArgs(name, clientId, tags, magicDns, emulator.url, ...extra));
    assert.equal(result.code, 0, result.stderr);
  };
  try {
    await setSpec("corp", credential.clientId, SEED_TAGS, true);
  } catch (error) {
    await emulator.close();
    throw error;
  }

  return {
    server: { url: parts.url },
    emulator,
    credential,
    workspaceId: parts.workspaceId,
    adminToken: parts.adminToken,
    serverLog: () => parts.serverLog(),
    nsc,
    setSpec,
    register: async (...args: string[]) => {
      const dir = mkdtempSync(join(tmpdir(), "nsc-workload-"));
      const tokenFile = join(dir, "token.json");
      const created = await nsc("instances", "create", ...args, "--token-file", tokenFile, "-o", "json");
      assert.equal(created.code, 0, created.stderr);
      const { instance } = JSON.parse(created.stdout) as { instance: Workload["instance"] };
      return parts.workload(instance, dir, tokenFile);
    },
    registerDirect: async (body) => {
      const created = await registerOverHttp(parts.url, parts.adminToken, body);
      return parts.workload(created.instance, created.dir, created.tokenFile);
    },
    devicesNamed: (hostname) => emulator.state.devices().filter((device) => device.hostname === hostname),
    close: async () => {
      await emulator.close();
      await parts.close();
    },
  };
}

/**
 * The argv of `nsc integrations tailscale set` for a spec whose login server is the emulator (unless
 * `extra` names another), with `extra` flags appended.
 */
export function setSpecArgs(
  name: string,
  clientId: string,
  tags: readonly string[],
  magicDns: boolean,
  loginServer: string,
  ...extra: string[]
): string[] {
  const args = ["integrations", "tailscale", "set", name, "--oauth-client-id", clientId, ...extra];
  if (!extra.includes("--login-server")) args.push("--login-server", loginServer);
  for (const tag of tags) args.push("--tag", tag);
  if (magicDns) args.push("--enable-magic-dns");
  return args;
}

/** Registers an instance with `POST /v1/instances` and writes its token file in a fresh folder. */
export async function registerOverHttp(
  url: string,
  adminToken: string,
  body: Readonly<Record<string, unknown>>,
): Promise<{ readonly instance: Workload["instance"]; readonly dir: string; readonly tokenFile: string }> {
  const response = await fetch(`${url}/v1/instances`, {
    method: "POST",
    headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  assert.equal(response.status, 201);
  const created = (await response.json()) as { instance: Workload["instance"]; workload_token: string };
  const dir = mkdtempSync(join(tmpdir(), "nsc-workload-"));
  const tokenFile = join(dir, "token.json");
  writeFileSync(tokenFile, JSON.stringify({ bearer_token: created.workload_token, endpoint: url }), {
    mode: 0o600,
  });
  return { instance: created.instance, dir, tokenFile };
}

/** The environment of a workload whose token file is in `dir`, without anything of the test process. */
export function workloadEnv(dir: string, tokenFile: string): NodeJS.ProcessEnv {
  return {
    NSC_CONFIG_DIR: join(dir, "config"),
    NSC_TOKEN_FILE: tokenFile,
    NSC_METADATA_DIR: join(dir, "no-metadata"),
    TESTKIT_TAILSCALE_STATE_DIR: join(dir, "tailscale-state"),
    TESTKIT_TAILSCALE_ARGV_LOG: join(dir, "tailscale-argv.log"),
  };
}

/** Reads the stand-in's argv log. */
export function readArgvLog(argvLog: string): string[][] {
  return existsSync(argvLog)
    ? readFileSync(argvLog, "utf8")
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as string[])
    : [];
}

/** A workload whose `nsc` runs in this process, for an instance whose token file is in `dir`. */
export function inProcessWorkload(instance: Workload["instance"], dir: string, tokenFile: string): Workload {
  const env = workloadEnv(dir, tokenFile);
  const argvLog = env.TESTKIT_TAILSCALE_ARGV_LOG ?? "";
  const waits: number[] = [];
  const sleep = (ms: number): Promise<void> => {
    waits.push(ms);
    return Promise.resolve();
  };
  return {
    instance,
    tokenFile,
    env,
    argvLog,
    nsc: (...args: string[]) => runNsc(args, { env, sleep }),
    nscWith: (extra: NodeJS.ProcessEnv, ...args: string[]) =>
      runNsc(args, { env: { ...env, ...extra }, sleep }),
    argvs: () => readArgvLog(argvLog),
    retryWaits: () => [...waits],
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

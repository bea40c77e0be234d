import type { ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { killProcessGroup, spawnInGroup } from "./process-groups.js";

/** The repository root: four levels up from `packages/testkit/{src,dist}/processes/`. */
const ROOT = new URL("../../../../", import.meta.url).pathname;
/** The `nsc` command of this repository. */
export const NSC_BIN = join(ROOT, "packages/cli/bin/nsc.js");
/** The `nsc-server` command of this repository. */
export const NSC_SERVER_BIN = join(ROOT, "packages/server/bin/nsc-server.js");

/** A running `nsc-server` process. */
export interface ServerProcess {
  readonly url: string;
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  /** Everything the process printed so far. */
  stdout(): string;
  stderr(): string;
  /** Sends a signal and waits for the exit; returns the exit code (null when killed by the signal). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** The first-start admin token, from the file the server wrote. */
  adminToken(): string;
}

/**
 * Starts `nsc-server` on a free loopback port and waits until it listens. `args` are further command-line
 * flags (for example `--trust-ca-file`).
 */
export async function startServer(
  options: {
    dataDir?: string;
    databaseUrl?: string;
    env?: NodeJS.ProcessEnv;
    args?: readonly string[];
  } = {},
): Promise<ServerProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "nsc-e2e-"));
  const args = [NSC_SERVER_BIN, "--listen", "127.0.0.1:0", "--data-dir", dataDir, ...(options.args ?? [])];
  if (options.databaseUrl !== undefined) args.push("--database-url", options.databaseUrl);
  const child = spawnInGroup(process.execPath, args, {
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (child.stdout === null || child.stderr === null) throw new Error("nsc-server has no output pipes");
  const { stdout, stderr } = child;
  let out = "";
  let err = "";
  stdout.on("data", (d: Buffer) => {
    out += d.toString();
  });
  stderr.on("data", (d: Buffer) => {
    err += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => {
    child.once("exit", (code) => {
      resolve(code);
    });
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`nsc-server did not start:\n${err}`));
    }, 90_000); // generous: a first start generates a signing key, and shared machines can be many times slower
    const onData = (): void => {
      const match = /"msg":"listening","url":"([^"]+)"/u.exec(err);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        stderr.off("data", onData);
        resolve(match[1]);
      }
    };
    stderr.on("data", onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`nsc-server exited with ${String(code)} before listening:\n${err}`));
    });
  });
  return {
    url,
    dataDir,
    databaseUrl: options.databaseUrl,
    stdout: () => out,
    stderr: () => err,
    stop: (signal = "SIGTERM") => stopChild(child, exited, signal),
    adminToken: () => readFileSync(join(dataDir, "bootstrap-admin-token"), "utf8").trim(),
  };
}

async function stopChild(
  child: ChildProcess,
  exited: Promise<number | null>,
  signal: NodeJS.Signals,
): Promise<number | null> {
  killProcessGroup(child, signal);
  return exited;
}

/** The result of one command run. */
export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a node script to completion with the given environment and optional standard input, in its own
 * process group (see {@link spawnInGroup}): whatever it started dies with it.
 */
export function runNode(
  script: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  input?: string,
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawnInGroup(process.execPath, [script, ...args], { env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr?.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.once("error", reject);
    child.once("close", (code) => {
      resolve({ code, stdout, stderr });
    });
    child.stdin?.end(input ?? "");
  });
}

/** An environment for `nsc` with its own empty config directory and no inherited NSC_* variables. */
export function cliEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith("NSC_")) env[key] = value;
  return { ...env, NSC_CONFIG_DIR: mkdtempSync(join(tmpdir(), "nsc-cli-")), ...extra };
}

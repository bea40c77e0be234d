import { spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/**
 * The environment of an `nsc-server` a test starts: `env`, the PATH, and the mark `scripts/run-tests.mjs`
 * gives each test file, so a server that outlives its file is found and fails it.
 */
function serverEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const mark = process.env.NSC_TEST_RUN;
  return { PATH: process.env.PATH, ...env, ...(mark === undefined ? {} : { NSC_TEST_RUN: mark }) };
}

/** The built `nsc-server` of this repository. */
export const SERVER_BIN = fileURLToPath(new URL("../../bin/nsc-server.js", import.meta.url));

/** Runs `nsc-server` to completion. */
export function runServerCommand(
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): { readonly status: number | null; readonly stdout: string; readonly stderr: string } {
  const result = spawnSync(process.execPath, [SERVER_BIN, ...args], {
    env: serverEnv(env),
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A running `nsc-server serve`. */
export interface ServingProcess {
  readonly url: string;
  readonly pid: number;
  output(): { readonly stdout: string; readonly stderr: string };
  /** Resolves once stderr contains a line matching `pattern`. */
  waitFor(pattern: RegExp): Promise<string>;
  stop(): Promise<void>;
}

/** Starts `nsc-server serve` with `args` (add `--listen 127.0.0.1:0`) and waits until it listens. */
export async function startServing(
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<ServingProcess> {
  const child = spawn(process.execPath, [SERVER_BIN, ...args], {
    env: serverEnv(env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => {
    stderr += d.toString();
    for (const waiter of [...waiters]) {
      const line = stderr.split("\n").find((l) => waiter.pattern.test(l));
      if (line !== undefined) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  });
  const exited = new Promise<void>((resolve) =>
    child.once("exit", () => {
      resolve();
    }),
  );
  const waitFor = (pattern: RegExp): Promise<string> =>
    new Promise((resolve, reject) => {
      const line = stderr.split("\n").find((l) => pattern.test(l));
      if (line !== undefined) {
        resolve(line);
        return;
      }
      const timer = setTimeout(() => {
        reject(new Error(`no log line ${String(pattern)}:\n${stderr}`));
      }, 60_000);
      waiters.push({
        pattern,
        resolve: (l) => {
          clearTimeout(timer);
          resolve(l);
        },
      });
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`nsc-server exited:\n${stderr}`));
      });
    });
  const listening = await waitFor(/"msg":"listening"/u);
  const url = (JSON.parse(listening) as { url: string }).url;
  return {
    url,
    pid: child.pid ?? 0,
    output: () => ({ stdout, stderr }),
    waitFor,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

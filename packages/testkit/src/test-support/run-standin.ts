import { execFile } from "node:child_process";
import { TAILSCALE_BIN } from "../cli/bin-paths.js";

/** The outcome of one run of the stand-in `tailscale` executable. */
export interface StandinRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `packages/testkit/bin/tailscale` as a real process with `env` added to the current environment. */
export function runStandin(
  args: readonly string[],
  env: Readonly<Record<string, string>>,
): Promise<StandinRun> {
  return new Promise((resolve) => {
    execFile(
      TAILSCALE_BIN,
      [...args],
      { env: { ...process.env, ...env }, timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

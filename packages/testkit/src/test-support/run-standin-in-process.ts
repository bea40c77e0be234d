import { runTailscale } from "../cli/run-tailscale.js";
import type { StandinRun } from "./run-standin.js";

/** A run of the stand-in in this process, on a clock that moves only when the command sleeps. */
export interface InProcessRun extends StandinRun {
  /** Milliseconds the command slept in all (its waits for Running). */
  readonly sleptMs: number;
}

/**
 * Runs the stand-in `tailscale` in-process with `env` as its whole environment. Its waits advance a fake
 * clock instead of sleeping, so `--timeout` is exercised without real time passing.
 */
export async function runStandinInProcess(
  args: readonly string[],
  env: Readonly<Record<string, string>>,
): Promise<InProcessRun> {
  let now = Date.parse("2026-01-01T00:00:00Z");
  let sleptMs = 0;
  let stdout = "";
  let stderr = "";
  const code = await runTailscale(args, {
    env,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    osHostname: "standin-host",
    sleep: async (ms) => {
      now += ms;
      sleptMs += ms;
      await Promise.resolve();
    },
    now: () => now,
  });
  return { code, stdout, stderr, sleptMs };
}

import { TAILSCALE_BIN } from "../standin/bin-paths.js";
import { runTailscale } from "../standin/run-tailscale.js";
import { createVirtualTime } from "../standin/virtual-time.js";
import { runNode } from "../processes/nsc-processes.js";

/** The outcome of one run of the stand-in `tailscale`. */
export interface StandinRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Milliseconds the command slept in all (its waits for Running, say). */
  readonly sleptMs: number;
}

/**
 * Runs the stand-in `tailscale` in this process — the same {@link runTailscale} its executable runs — with
 * exactly `env` and, by default, virtual time: polls do not wait, and `--timeout=300ms` ends after three
 * 100 ms polls on any machine. Pass `sleep` to act while the command waits (approve a device, say).
 */
export async function runStandin(
  args: readonly string[],
  env: Readonly<Record<string, string>>,
  options: { readonly sleep?: (ms: number) => Promise<void>; readonly now?: () => number } = {},
): Promise<StandinRun> {
  const time = createVirtualTime();
  const sleep = options.sleep ?? time.sleep;
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
    osHostname: "testkit-host",
    sleep: (ms) => {
      sleptMs += ms;
      return sleep(ms);
    },
    now: options.now ?? time.now,
  });
  return { code, stdout, stderr, sleptMs };
}

/** Runs `packages/testkit/bin/tailscale` as a real process (own process group) with `env` added to ours. */
export async function runStandinProcess(
  args: readonly string[],
  env: Readonly<Record<string, string>>,
): Promise<StandinRun> {
  const result = await runNode(TAILSCALE_BIN, args, { ...process.env, ...env });
  // A real process sleeps for real; what it slept is not observable from here.
  return { code: result.code ?? 1, stdout: result.stdout, stderr: result.stderr, sleptMs: 0 };
}

import type { InProcessProgram } from "@nsc/cli";
import { runTailscale } from "./run-tailscale.js";
import { createVirtualTime } from "./virtual-time.js";

/** How an in-process stand-in `tailscale` sees time and its machine. */
export interface StandinProgramOptions {
  /** Waits between polls of the control server (default: no real wait; see `createVirtualTime`). */
  readonly sleep?: (ms: number) => Promise<void>;
  /** The clock of `--timeout` (default: virtual time moved only by `sleep`). */
  readonly now?: () => number;
  /** Used when `--hostname` is not given (default `testkit-host`). */
  readonly osHostname?: string;
}

/**
 * The stand-in `tailscale` as an in-process program for `nsc`'s `inProcessRunner`: the same
 * {@link runTailscale} the `bin/tailscale` executable runs, with the environment and output streams the
 * agent gives it, and time that does not depend on the machine's speed.
 *
 * @example
 * const programs = { tailscale: tailscaleStandin(), [TAILSCALE_BIN]: tailscaleStandin() };
 */
export function tailscaleStandin(options: StandinProgramOptions = {}): InProcessProgram {
  return (args, io) => {
    const time = createVirtualTime();
    return runTailscale(args, {
      env: io.env,
      stdout: io.stdout,
      stderr: io.stderr,
      osHostname: options.osHostname ?? "testkit-host",
      sleep: options.sleep ?? time.sleep,
      now: options.now ?? time.now,
    });
  };
}

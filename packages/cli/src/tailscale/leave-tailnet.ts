import { NscError } from "@nsc/core/errors/nsc-error.js";
import type { RunProgram } from "./run-program.js";
import { lastLineOf } from "./tailscale-failure.js";

/** How leaving went: logged out now, or there was nothing to log out of. */
export type LeaveOutcome = "logged_out" | "already_logged_out";

const LOGGED_OUT = /not logged in|logged out|NeedsLogin|no current login/iu;

/**
 * Runs `tailscale logout`, so an ephemeral device leaves the tailnet at once instead of when it goes
 * offline. A node already logged out (`tailscale status --json` says `NeedsLogin`) is left alone.
 *
 * @throws NscError `unsupported_platform` off Linux; `tailscale_failed` when logout fails otherwise.
 */
export async function leaveTailnet(
  program: string,
  environment: {
    readonly platform: NodeJS.Platform;
    readonly env: NodeJS.ProcessEnv;
    readonly runProgram: RunProgram;
  },
): Promise<LeaveOutcome> {
  if (environment.platform !== "linux") {
    throw new NscError(
      "unsupported_platform",
      `nsc runner hooks run on Linux workloads only (this is ${environment.platform})`,
    );
  }
  if ((await backendState(program, environment)) === "NeedsLogin") return "already_logged_out";
  const result = await environment.runProgram(program, ["logout"], {
    env: environment.env,
    timeoutMs: 60_000,
  });
  switch (result.kind) {
    case "exited": {
      if (result.code === 0) return "logged_out";
      const output = `${result.stdout}\n${result.stderr}`;
      if (LOGGED_OUT.test(output) || (await backendState(program, environment)) === "NeedsLogin") {
        return "already_logged_out";
      }
      throw new NscError("tailscale_failed", `tailscale logout failed: ${lastLineOf(output)}`);
    }
    case "not_found":
      throw new NscError(
        "tailscale_failed",
        `the tailscale command was not found (${program}): pass --tailscale-bin PATH`,
      );
    case "timed_out":
      throw new NscError("tailscale_failed", "tailscale logout did not finish within 60 s");
    case "failed_to_start":
      throw new NscError("tailscale_failed", `cannot run ${program}: ${result.message}`);
    default:
      return result satisfies never;
  }
}

async function backendState(
  program: string,
  environment: { readonly env: NodeJS.ProcessEnv; readonly runProgram: RunProgram },
): Promise<string | undefined> {
  const status = await environment.runProgram(program, ["status", "--json"], {
    env: environment.env,
    timeoutMs: 30_000,
  });
  if (status.kind !== "exited" || status.code !== 0) return undefined;
  try {
    const parsed = JSON.parse(status.stdout) as { BackendState?: unknown };
    return typeof parsed.BackendState === "string" ? parsed.BackendState : undefined;
  } catch {
    return undefined;
  }
}

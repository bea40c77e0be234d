import { appendFileSync } from "node:fs";
import { CliFailure } from "./cli-failure.js";
import type { CliIo } from "./cli-io.js";
import { DEFAULT_CLIENT_VERSION, parseClientVersion } from "./client-version.js";
import { logoutCommand } from "./logout-command.js";
import { parseFlags } from "./parse-flags.js";
import { statusCommand } from "./status-command.js";
import { upCommand } from "./up-command.js";
import { versionCommand } from "./version-command.js";

/** Environment variables the stand-in `tailscale` command reads. */
export const TAILSCALE_STANDIN_ENV = {
  /** Version to behave as (default {@link DEFAULT_CLIENT_VERSION}). */
  version: "TESTKIT_TAILSCALE_VERSION",
  /** Directory holding the node's state; required by `up`, `status` and `logout`. */
  stateDir: "TESTKIT_TAILSCALE_STATE_DIR",
  /** When set, each invocation's argv is appended there as one JSON array per line. */
  argvLog: "TESTKIT_TAILSCALE_ARGV_LOG",
  /** `1`: behave as a build without identity federation (the flags exist; `up` falls back to interactive login). */
  omitFederation: "TESTKIT_TAILSCALE_OMIT_FEDERATION",
} as const;

/**
 * Runs the stand-in `tailscale` command with `argv` (without the program name) and returns the exit code.
 * Subcommands: `version`, `up`, `status`, `logout`.
 *
 * @example
 * const code = await runTailscale(["up", `--login-server=${emulator.url}`, "--auth-key=file:/tmp/k"], io);
 */
export async function runTailscale(argv: readonly string[], io: CliIo): Promise<number> {
  const argvLog = io.env[TAILSCALE_STANDIN_ENV.argvLog];
  if (argvLog !== undefined && argvLog !== "") appendFileSync(argvLog, `${JSON.stringify(argv)}\n`);
  try {
    const version = parseClientVersion(io.env[TAILSCALE_STANDIN_ENV.version] ?? DEFAULT_CLIENT_VERSION);
    const root = parseFlags(argv, [{ name: "socket", kind: "string", default: "" }]);
    const [command, ...args] = root.positional;
    const stateDir = (): string => {
      const dir = io.env[TAILSCALE_STANDIN_ENV.stateDir];
      if (dir === undefined || dir === "") {
        throw new CliFailure(
          `${TAILSCALE_STANDIN_ENV.stateDir} must be set to a directory for the node's state`,
        );
      }
      return dir;
    };
    switch (command) {
      case "version":
        return versionCommand(args, version, io);
      case "up":
        return await upCommand(args, version, stateDir(), io, {
          omitFederation: io.env[TAILSCALE_STANDIN_ENV.omitFederation] === "1",
        });
      case "status":
        return statusCommand(args, version, stateDir(), io);
      case "logout":
        return await logoutCommand(args, stateDir(), io);
      case undefined:
        throw new CliFailure("tailscale: missing subcommand (version, up, status, logout)", 2);
      default:
        throw new CliFailure(`tailscale: unknown subcommand: ${command}`, 2);
    }
  } catch (error) {
    if (error instanceof CliFailure) {
      io.stderr(`${error.message}\n`);
      return error.exitCode;
    }
    io.stderr(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

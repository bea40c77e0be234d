import type { Command } from "commander";
import type { ErrorCode } from "@nsc/core/errors/error-code.js";
import { exitCodeOf } from "@nsc/core/errors/exit-code.js";

/**
 * How a command's failures map to exit statuses:
 * - `upstream`: 1 on every failure, as Namespace's `nsc`, for the commands that exist there too
 *   (`integrations tailscale set|list|remove`, `auth issue-id-token`, `workspace describe`): scripts written
 *   against upstream test for exactly that, and diff the two tools;
 * - `distinct`: core's {@link exitCodeOf} (usage 2, not authenticated 3, not found 4, conflict 5,
 *   unavailable 6, Tailscale refused 7, else 1), for every command of nsc's own.
 */
export type ExitCodePolicy = "upstream" | "distinct";

const DECLARED = new WeakMap<Command, ExitCodePolicy>();

/**
 * Declares the exit-code policy of `command` and of every command under it that declares none itself.
 * Commands that declare nothing, up to the root, are `distinct`.
 *
 * @example
 * withExitCodes(new Command("tailscale"), "upstream") // set, list and remove all exit 1 on failure
 */
export function withExitCodes<C extends Command>(command: C, policy: ExitCodePolicy): C {
  DECLARED.set(command, policy);
  return command;
}

/** The policy of `command`: its own declaration, else the nearest one above it, else `distinct`. */
export function exitCodePolicyOf(command: Command | undefined): ExitCodePolicy {
  for (let at: Command | null | undefined = command; at !== undefined && at !== null; at = at.parent) {
    const declared = DECLARED.get(at);
    if (declared !== undefined) return declared;
  }
  return "distinct";
}

/** The exit status of a failure with `code` under `policy`. */
export function exitStatusOf(code: ErrorCode, policy: ExitCodePolicy): number {
  return policy === "upstream" ? 1 : exitCodeOf(code);
}

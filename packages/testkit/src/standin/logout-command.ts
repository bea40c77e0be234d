import { CliFailure } from "./cli-failure.js";
import type { CliIo } from "./cli-io.js";
import { DEFAULT_LOGIN_SERVER } from "./check-setting-reverts.js";
import { readNodeState, writeNodeState } from "./node-state.js";
import { parseFlags } from "./parse-flags.js";
import { logoutNode } from "./register-node.js";

/**
 * `tailscale logout`: tells the login server (an ephemeral device goes at once) and deletes the profile,
 * prefs included. Logging out a node that is already logged out succeeds.
 */
export async function logoutCommand(args: readonly string[], stateDir: string, _io: CliIo): Promise<number> {
  parseFlags(args, [{ name: "reason", kind: "string", default: "" }]);
  const state = readNodeState(stateDir);
  if (state.node !== undefined) {
    try {
      await logoutNode(state.prefs?.loginServer ?? DEFAULT_LOGIN_SERVER, {
        nodeId: state.node.nodeId,
        nodeSecret: state.node.nodeSecret,
      });
    } catch (error) {
      throw new CliFailure(error instanceof Error ? error.message : String(error));
    }
  }
  writeNodeState(stateDir, { backendState: "NeedsLogin", prefs: undefined, node: undefined });
  return 0;
}

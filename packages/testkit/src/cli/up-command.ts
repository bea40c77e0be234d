import { checkTag } from "../tags/check-tag.js";
import { checkSettingReverts, DEFAULT_LOGIN_SERVER } from "./check-setting-reverts.js";
import { CliFailure } from "./cli-failure.js";
import type { CliIo } from "./cli-io.js";
import { versionAtLeast, type ClientVersion } from "./client-version.js";
import {
  readNodeState,
  writeNodeState,
  type NodePrefs,
  type NodeState,
  type RegisteredNode,
} from "./node-state.js";
import { boolFlag, durationFlag, parseFlags, stringFlag, type FlagDefinition } from "./parse-flags.js";
import { readFlagFile } from "./read-flag-file.js";
import { fetchNodeStatus, registerNode } from "./register-node.js";
import { resolveFederatedAuthKey } from "./resolve-federated-auth-key.js";

/** The flags `tailscale up` knows at `version`: the federation ones only from 1.90.0, `--audience` from 1.94.0. */
export function upFlagDefinitions(version: ClientVersion): FlagDefinition[] {
  const flags: FlagDefinition[] = [
    { name: "auth-key", kind: "string", default: "", aliases: ["authkey"] },
    { name: "login-server", kind: "string", default: DEFAULT_LOGIN_SERVER },
    { name: "accept-dns", kind: "bool", default: true },
    { name: "accept-routes", kind: "bool", default: false },
    { name: "hostname", kind: "string", default: "" },
    { name: "advertise-tags", kind: "string", default: "" },
    { name: "advertise-routes", kind: "string", default: "" },
    { name: "advertise-exit-node", kind: "bool", default: false },
    { name: "exit-node", kind: "string", default: "" },
    { name: "shields-up", kind: "bool", default: false },
    { name: "ssh", kind: "bool", default: false },
    { name: "operator", kind: "string", default: "" },
    { name: "timeout", kind: "duration", default: 0 },
    { name: "reset", kind: "bool", default: false },
    { name: "force-reauth", kind: "bool", default: false },
    { name: "json", kind: "bool", default: false },
    { name: "qr", kind: "bool", default: false },
  ];
  if (versionAtLeast(version, "1.90.0")) {
    flags.push(
      { name: "client-id", kind: "string", default: "" },
      { name: "client-secret", kind: "string", default: "" },
      { name: "id-token", kind: "string", default: "" },
    );
  }
  if (versionAtLeast(version, "1.94.0")) flags.push({ name: "audience", kind: "string", default: "" });
  return flags;
}

/** Parses `--advertise-tags` like the real client: comma list, `tag:` added from 1.98, the tag grammar checked. */
export function parseAdvertiseTags(value: string, version: ClientVersion): string[] {
  if (value === "") return [];
  return value.split(",").map((raw) => {
    const tag = versionAtLeast(version, "1.98.0") && !raw.startsWith("tag:") ? `tag:${raw}` : raw;
    const problem = checkTag(tag);
    if (problem !== undefined) throw new CliFailure(`tailscale up: ${JSON.stringify(tag)}: ${problem}`);
    return tag;
  });
}

/**
 * `tailscale up`: checks flags and settings, gets an auth key (`--auth-key`, else the federation path),
 * registers with the login server, waits for approval if needed, and records the node in the state dir.
 */
export async function upCommand(
  args: readonly string[],
  version: ClientVersion,
  stateDir: string,
  io: CliIo,
): Promise<number> {
  const flags = parseFlags(args, upFlagDefinitions(version));
  if (flags.positional.length > 0) {
    throw new CliFailure(`too many non-flag arguments: ${JSON.stringify(flags.positional)}`, 2);
  }
  const tags = parseAdvertiseTags(stringFlag(flags, "advertise-tags"), version);
  const reset = boolFlag(flags, "reset");
  const state = readNodeState(stateDir);
  const previous = state.prefs;
  // As in the real client, the new settings come from the flags alone; the check below refuses when that
  // would silently drop a non-default setting.
  const prefs: NodePrefs = {
    loginServer: stringFlag(flags, "login-server"),
    hostname: stringFlag(flags, "hostname"),
    acceptDns: boolFlag(flags, "accept-dns"),
    advertiseTags: tags,
  };
  if (previous !== undefined && !reset) checkSettingReverts(previous, prefs, flags.given);
  const forceReauth = boolFlag(flags, "force-reauth");
  if (
    state.node !== undefined &&
    previous !== undefined &&
    prefs.loginServer !== previous.loginServer &&
    !forceReauth
  ) {
    throw new CliFailure("can't change --login-server without --force-reauth");
  }

  if (state.node !== undefined && !forceReauth) {
    writeNodeState(stateDir, { ...state, prefs });
    if (state.backendState === "Running") return 0;
    return waitUntilRunning(state.node, { ...state, prefs }, stateDir, durationFlag(flags, "timeout"), io);
  }

  let authKey: string | undefined;
  try {
    authKey = readFlagFile(stringFlag(flags, "auth-key"), "auth key");
    if (authKey === "") {
      if (stringFlag(flags, "client-secret") !== "") {
        throw new Error("--client-secret is not supported by this stand-in; use --id-token");
      }
      authKey = await resolveFederatedAuthKey({
        rawClientId: stringFlag(flags, "client-id"),
        idToken: readFlagFile(stringFlag(flags, "id-token"), "ID token"),
        audience: stringFlag(flags, "audience"),
        tags,
        loginServer: prefs.loginServer,
        sendsWholeClientId: !versionAtLeast(version, "1.90.4"),
      });
    }
  } catch (error) {
    if (error instanceof CliFailure) throw error;
    throw new CliFailure(error instanceof Error ? error.message : String(error));
  }
  if (authKey === undefined || authKey === "") {
    throw new CliFailure(
      "interactive login is not supported by this stand-in: pass --auth-key, or --client-id with --id-token",
    );
  }

  let registered;
  try {
    registered = await registerNode(prefs.loginServer, {
      authKey,
      hostname: prefs.hostname === "" ? io.osHostname : prefs.hostname,
      acceptDns: prefs.acceptDns,
      advertiseTags: tags,
      clientVersion: version.text,
      os: "linux",
    });
  } catch (error) {
    throw new CliFailure(error instanceof Error ? error.message : String(error));
  }
  const node: RegisteredNode = {
    id: registered.id,
    nodeId: registered.nodeId,
    nodeSecret: registered.nodeSecret,
    name: registered.name,
    address: registered.address,
    tags: registered.tags,
    ephemeral: registered.ephemeral,
    magicDnsSuffix: registered.magicDnsSuffix,
  };
  const next: NodeState = {
    backendState: registered.authorized ? "Running" : "NeedsMachineAuth",
    prefs,
    node,
  };
  writeNodeState(stateDir, next);
  if (registered.authorized) return 0;
  return waitUntilRunning(node, next, stateDir, durationFlag(flags, "timeout"), io);
}

async function waitUntilRunning(
  node: RegisteredNode,
  state: NodeState,
  stateDir: string,
  timeoutMs: number,
  io: CliIo,
): Promise<number> {
  const loginServer = state.prefs?.loginServer ?? DEFAULT_LOGIN_SERVER;
  io.stderr(`\nTo approve your machine, visit (as admin):\n\n\t${loginServer}/admin/machines\n\n`);
  const deadline = timeoutMs > 0 ? io.now() + timeoutMs : Number.POSITIVE_INFINITY;
  for (;;) {
    const status = await fetchNodeStatus(loginServer, {
      nodeId: node.nodeId,
      nodeSecret: node.nodeSecret,
    }).catch((error: unknown) => {
      throw new CliFailure(error instanceof Error ? error.message : String(error));
    });
    if (status.exists && status.authorized) {
      writeNodeState(stateDir, { ...state, backendState: "Running" });
      return 0;
    }
    if (io.now() >= deadline) {
      throw new CliFailure(
        "timeout waiting for Tailscale service to enter a Running state; last state was NeedsMachineAuth",
      );
    }
    await io.sleep(100);
  }
}

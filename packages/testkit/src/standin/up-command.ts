import { checkTag } from "@nsc/core/tailscale/check-tag.js";
import { checkSettingReverts, DEFAULT_LOGIN_SERVER } from "./check-setting-reverts.js";
import { CliFailure } from "./cli-failure.js";
import type { CliIo } from "./cli-io.js";
import { sendsWholeClientId, versionAtLeast, type ClientVersion } from "./client-version.js";
import { checkHostname } from "./check-hostname.js";
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

/** The real client's text when `--timeout` runs out. */
export const UP_TIMEOUT_TEXT =
  'timeout waiting for Tailscale service to enter a Running state; check health with "tailscale status"';

/** How long the stand-in waits between tries while it waits for Running. */
const POLL_MS = 100;

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

/**
 * Parses `--advertise-tags` like the real client: comma list, `tag:` added from 1.98 to an item with no `:`
 * at all, the tag grammar checked with the real `tag: "x": …` text.
 */
export function parseAdvertiseTags(value: string, version: ClientVersion): string[] {
  if (value === "") return [];
  return value.split(",").map((raw) => {
    const tag = versionAtLeast(version, "1.98.0") && !raw.includes(":") ? `tag:${raw}` : raw;
    const problem = checkTag(tag);
    if (problem !== undefined) throw new CliFailure(`tag: ${JSON.stringify(tag)}: ${problem}`);
    return tag;
  });
}

/** What `up` does beyond its flags: the build and the process around it. */
export interface UpBuild {
  /** Built without identity federation (`ts_omit_identityfederation`): the flags exist but do nothing. */
  readonly omitFederation: boolean;
}

/**
 * `tailscale up`: checks flags and settings; on a Running node with the same control URL and tags and no
 * `--auth-key`, only edits prefs; otherwise gets an auth key (`--auth-key`, else the federation path),
 * logs in with it, waits for Running within `--timeout`, and records the node in the state dir.
 */
export async function upCommand(
  args: readonly string[],
  version: ClientVersion,
  stateDir: string,
  io: CliIo,
  build: UpBuild = { omitFederation: false },
): Promise<number> {
  const flags = parseFlags(args, upFlagDefinitions(version), {
    rejectRepeats: versionAtLeast(version, "1.84.0"),
  });
  if (flags.positional.length > 0) {
    throw new CliFailure(`too many non-flag arguments: ${JSON.stringify(flags.positional)}`, 2);
  }
  const hostname = stringFlag(flags, "hostname");
  if (hostname !== "") checkHostname(hostname);
  const rawTags = stringFlag(flags, "advertise-tags");
  const tags = parseAdvertiseTags(rawTags, version);
  const reset = boolFlag(flags, "reset");
  const forceReauth = boolFlag(flags, "force-reauth");
  const state = readNodeState(stateDir);
  const previous = state.prefs;
  // As in the real client, the new prefs come from the flags alone; the check below refuses when that
  // would silently drop a non-default setting.
  const prefs: NodePrefs = {
    loginServer: stringFlag(flags, "login-server"),
    hostname,
    acceptDns: boolFlag(flags, "accept-dns"),
    acceptRoutes: boolFlag(flags, "accept-routes"),
    advertiseTags: tags,
    advertiseRoutes: stringFlag(flags, "advertise-routes"),
    advertiseExitNode: boolFlag(flags, "advertise-exit-node"),
    exitNode: stringFlag(flags, "exit-node"),
    shieldsUp: boolFlag(flags, "shields-up"),
    ssh: boolFlag(flags, "ssh"),
    operator: stringFlag(flags, "operator"),
  };
  if (previous !== undefined && !reset) checkSettingReverts(previous, prefs, flags.given);
  const running = state.backendState === "Running" && state.node !== undefined;
  const controlUrlChanged = previous !== undefined && previous.loginServer !== prefs.loginServer;
  if (controlUrlChanged && running && !forceReauth) {
    throw new CliFailure("can't change --login-server without --force-reauth");
  }
  const tagsChanged = previous !== undefined && previous.advertiseTags.join(",") !== tags.join(",");
  const authKeyFlag = stringFlag(flags, "auth-key");
  if (running && !forceReauth && authKeyFlag === "" && !controlUrlChanged && !tagsChanged) {
    // Nothing that needs a new login changed: the real client only edits prefs (EditPrefs).
    writeNodeState(stateDir, { ...state, prefs });
    return 0;
  }

  let authKey: string | undefined;
  try {
    authKey = readFlagFile(authKeyFlag, "auth key");
    if (authKey === "" && !build.omitFederation) {
      if (stringFlag(flags, "client-secret") !== "") {
        throw new Error("--client-secret is not supported by this stand-in; use --id-token");
      }
      authKey = await resolveFederatedAuthKey({
        rawClientId: stringFlag(flags, "client-id"),
        idToken: readFlagFile(stringFlag(flags, "id-token"), "ID token"),
        audience: flags.values.has("audience") ? stringFlag(flags, "audience") : "",
        rawTags,
        tags,
        loginServer: prefs.loginServer,
        version,
        sendsWholeClientId: sendsWholeClientId(version),
      });
    }
  } catch (error) {
    if (error instanceof CliFailure) throw error;
    throw new CliFailure(error instanceof Error ? error.message : String(error));
  }
  // Logging in again starts from a profile with the new prefs and no node until the login succeeds.
  const loggingIn: NodeState = { backendState: "NeedsLogin", prefs, node: state.node };
  writeNodeState(stateDir, loggingIn);
  const timeoutMs = durationFlag(flags, "timeout");
  const deadline = timeoutMs > 0 ? io.now() + timeoutMs : Number.POSITIVE_INFINITY;
  if (authKey === undefined || authKey === "") {
    // Interactive login: nobody will open the URL, so this waits until --timeout.
    io.stderr(`\nTo authenticate, visit:\n\n\t${prefs.loginServer}/a/${io.now().toString(16)}\n\n`);
    for (;;) {
      if (io.now() >= deadline) throw new CliFailure(UP_TIMEOUT_TEXT);
      await io.sleep(POLL_MS);
    }
  }

  const registered = await (async () => {
    for (;;) {
      const outcome = await registerNode(prefs.loginServer, {
        authKey,
        hostname: prefs.hostname === "" ? io.osHostname : prefs.hostname,
        acceptDns: prefs.acceptDns,
        advertiseTags: tags,
        clientVersion: version.text,
        os: "linux",
        ...(state.node === undefined
          ? {}
          : { previous: { nodeId: state.node.nodeId, nodeSecret: state.node.nodeSecret } }),
      });
      switch (outcome.kind) {
        case "registered":
          return outcome.node;
        case "refused":
          throw new CliFailure(`backend error: ${outcome.error}`);
        case "unanswered":
          // The real client logs nothing here and keeps trying until --timeout.
          if (io.now() >= deadline) throw new CliFailure(UP_TIMEOUT_TEXT);
          await io.sleep(POLL_MS);
          break;
        default:
          return outcome satisfies never;
      }
    }
  })();
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
  return waitForApproval(node, next, stateDir, deadline, io);
}

async function waitForApproval(
  node: RegisteredNode,
  state: NodeState,
  stateDir: string,
  deadline: number,
  io: CliIo,
): Promise<number> {
  const loginServer = state.prefs?.loginServer ?? DEFAULT_LOGIN_SERVER;
  io.stderr(`\nTo approve your machine, visit (as admin):\n\n\t${loginServer}/admin/machines\n\n`);
  for (;;) {
    const status = await fetchNodeStatus(loginServer, {
      nodeId: node.nodeId,
      nodeSecret: node.nodeSecret,
    }).catch(() => undefined);
    if (status?.exists === true && status.authorized) {
      writeNodeState(stateDir, { ...state, backendState: "Running" });
      return 0;
    }
    if (io.now() >= deadline) throw new CliFailure(UP_TIMEOUT_TEXT);
    await io.sleep(POLL_MS);
  }
}

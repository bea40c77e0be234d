import type { CliIo } from "./cli-io.js";
import type { ClientVersion } from "./client-version.js";
import { CliFailure } from "./cli-failure.js";
import { readNodeState, type NodeState } from "./node-state.js";
import { boolFlag, parseFlags } from "./parse-flags.js";

/** The parts of `tailscale status --json` (ipnstate.Status) the stand-in fills in. */
export function statusJson(
  state: NodeState,
  version: ClientVersion,
  osHostname: string,
): Record<string, unknown> {
  const node = state.node;
  const hostname =
    state.prefs?.hostname === undefined || state.prefs.hostname === "" ? osHostname : state.prefs.hostname;
  const addresses = node === undefined ? null : [node.address];
  return {
    Version: version.text,
    TUN: true,
    BackendState: state.backendState,
    HaveNodeKey: node !== undefined,
    AuthURL: "",
    TailscaleIPs: addresses,
    Self: {
      ID: node?.nodeId ?? "",
      PublicKey: node === undefined ? "" : `nodekey:${node.nodeSecret}`,
      HostName: hostname,
      DNSName: node === undefined ? "" : `${node.name}.`,
      OS: "linux",
      UserID: 0,
      TailscaleIPs: addresses,
      ...(node !== undefined && node.tags.length > 0 ? { Tags: node.tags } : {}),
      Online: state.backendState === "Running",
      Active: false,
    },
    Health: [],
    MagicDNSSuffix: node?.magicDnsSuffix ?? "",
    CurrentTailnet:
      node === undefined
        ? null
        : { Name: node.magicDnsSuffix, MagicDNSSuffix: node.magicDnsSuffix, MagicDNSEnabled: true },
    Peer: {},
    User: {},
    ClientVersion: null,
  };
}

/** `tailscale status [--json]`. Without `--json`, a not-running node exits 1 with the real client's text. */
export function statusCommand(
  args: readonly string[],
  version: ClientVersion,
  stateDir: string,
  io: CliIo,
): number {
  const flags = parseFlags(args, [
    { name: "json", kind: "bool", default: false },
    { name: "peers", kind: "bool", default: true },
    { name: "self", kind: "bool", default: true },
  ]);
  const state = readNodeState(stateDir);
  if (boolFlag(flags, "json")) {
    io.stdout(`${JSON.stringify(statusJson(state, version, io.osHostname), null, 2)}\n`);
    return 0;
  }
  switch (state.backendState) {
    case "Running": {
      const node = state.node;
      const short = node?.name.split(".", 1)[0] ?? "";
      const user = node !== undefined && node.tags.length > 0 ? "tagged-devices" : "-";
      io.stdout(`${node?.address ?? ""}  ${short}  ${user}  linux  -\n`);
      return 0;
    }
    case "NeedsLogin":
      throw new CliFailure("Logged out.");
    case "NeedsMachineAuth":
      throw new CliFailure("Machine is not yet approved by tailnet admin.");
    case "Stopped":
      throw new CliFailure("Tailscale is stopped.");
    default: {
      throw new CliFailure(`unknown state ${String(state.backendState satisfies never)}`);
    }
  }
}

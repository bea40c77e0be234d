import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** The backend states the stand-in can be in (a subset of tailscaled's). */
export type BackendState = "NeedsLogin" | "NeedsMachineAuth" | "Running" | "Stopped";

/**
 * The preferences `tailscale up` sets and later compares against: the ones the real client's
 * accidental-revert check covers and a workload is likely to meet on a reused node.
 */
export interface NodePrefs {
  readonly loginServer: string;
  readonly hostname: string;
  readonly acceptDns: boolean;
  readonly acceptRoutes: boolean;
  readonly advertiseTags: readonly string[];
  /** `--advertise-routes` as given (comma-separated prefixes). */
  readonly advertiseRoutes: string;
  readonly advertiseExitNode: boolean;
  readonly exitNode: string;
  readonly shieldsUp: boolean;
  readonly ssh: boolean;
  readonly operator: string;
}

/** The default `--login-server`. */
export const DEFAULT_LOGIN_SERVER = "https://controlplane.tailscale.com";

/** Prefs of a fresh profile: every flag at its default. */
export const DEFAULT_PREFS: NodePrefs = {
  loginServer: DEFAULT_LOGIN_SERVER,
  hostname: "",
  acceptDns: true,
  acceptRoutes: false,
  advertiseTags: [],
  advertiseRoutes: "",
  advertiseExitNode: false,
  exitNode: "",
  shieldsUp: false,
  ssh: false,
  operator: "",
};

/** The node's identity once registered. */
export interface RegisteredNode {
  readonly id: string;
  readonly nodeId: string;
  readonly nodeSecret: string;
  readonly name: string;
  readonly address: string;
  readonly tags: readonly string[];
  readonly ephemeral: boolean;
  readonly magicDnsSuffix: string;
}

/** Everything the stand-in keeps between invocations, in `<state dir>/state.json`. */
export interface NodeState {
  readonly backendState: BackendState;
  readonly prefs: NodePrefs | undefined;
  readonly node: RegisteredNode | undefined;
}

const EMPTY: NodeState = { backendState: "NeedsLogin", prefs: undefined, node: undefined };

/** Reads the state, or the logged-out state when there is none yet. */
export function readNodeState(stateDir: string): NodeState {
  try {
    const state = JSON.parse(readFileSync(join(stateDir, "state.json"), "utf8")) as NodeState;
    return { ...state, prefs: state.prefs === undefined ? undefined : { ...DEFAULT_PREFS, ...state.prefs } };
  } catch {
    return EMPTY;
  }
}

/** Writes the state atomically. */
export function writeNodeState(stateDir: string, state: NodeState): void {
  mkdirSync(stateDir, { recursive: true });
  const path = join(stateDir, "state.json");
  writeFileSync(`${path}.tmp`, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
}

/**
 * The testkit-only stand-in for the control protocol (step C): the stand-in `tailscale` command registers
 * with `POST /testkit/register`, asks `POST /testkit/node-status` while waiting for approval, and leaves with
 * `POST /testkit/logout`. Real clients speak Noise to the control server instead.
 */
export const REGISTRATION_PATHS = {
  register: "/testkit/register",
  nodeStatus: "/testkit/node-status",
  logout: "/testkit/logout",
} as const;

/** Body of `POST /testkit/register`. */
export interface RegisterRequest {
  readonly authKey: string;
  readonly hostname: string;
  readonly acceptDns: boolean;
  readonly advertiseTags: readonly string[];
  readonly clientVersion: string;
  readonly os: string;
  /** The node's current identity when it logs in again (a new key on a node that was joined). */
  readonly previous?: NodeIdentity;
}

/**
 * A refusal the control server puts inside its (HTTP 200) answer, as the real control protocol does; the
 * client prints it at once as `backend error: <error>`. Any non-200 answer is not surfaced: the client
 * keeps trying until `--timeout`.
 */
export interface RegisterRefusal {
  readonly error: string;
}

/** Answer of `POST /testkit/register`. */
export interface RegisterResponse {
  readonly id: string;
  readonly nodeId: string;
  readonly nodeSecret: string;
  readonly name: string;
  readonly address: string;
  readonly tags: readonly string[];
  readonly ephemeral: boolean;
  readonly authorized: boolean;
  readonly magicDnsSuffix: string;
}

/** Body of `POST /testkit/node-status` and `POST /testkit/logout`: the node proves who it is. */
export interface NodeIdentity {
  readonly nodeId: string;
  readonly nodeSecret: string;
}

/** Answer of `POST /testkit/node-status`. */
export interface NodeStatusResponse {
  readonly exists: boolean;
  readonly authorized: boolean;
}

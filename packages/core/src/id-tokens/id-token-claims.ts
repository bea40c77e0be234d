import type { InstanceKind } from "./instance-kind.js";

/**
 * Every claim an nsc ID token can carry, in the order they are written. The discovery document's
 * `claims_supported` is this list, so adding a claim here is the only step needed to advertise it.
 */
export const ID_TOKEN_CLAIM_NAMES = [
  "iss",
  "sub",
  "aud",
  "iat",
  "nbf",
  "exp",
  "jti",
  "tenant_id",
  "instance_id",
  "instance_kind",
  "runner_profile",
  "devbox_name",
  "tailscale_spec",
] as const;

/** One of {@link ID_TOKEN_CLAIM_NAMES}. */
export type IdTokenClaimName = (typeof ID_TOKEN_CLAIM_NAMES)[number];

/**
 * The payload of an nsc ID token. Times are whole seconds since the epoch (RFC 7519 NumericDate).
 *
 * @example
 * {
 *   iss: "https://nsc.example.com", sub: "ws-abc…/in-def…", aud: "api.tailscale.com/k123",
 *   iat: 1767225600, nbf: 1767225540, exp: 1767226200, jti: "…",
 *   tenant_id: "ws-abc…", instance_id: "in-def…", instance_kind: "runner", runner_profile: "linux-large",
 * }
 */
export interface IdTokenClaims {
  /** The configured issuer URL, byte-equal to the discovery document's `issuer`. */
  readonly iss: string;
  /** `<workspace-id>/<instance-id>`: immutable IDs, so a subject is never reused. */
  readonly sub: string;
  readonly aud: string;
  readonly iat: number;
  readonly nbf: number;
  readonly exp: number;
  readonly jti: string;
  /** The workspace ID. */
  readonly tenant_id: string;
  readonly instance_id: string;
  readonly instance_kind: InstanceKind;
  /** The runner profile the instance was launched from; runners only. */
  readonly runner_profile?: string;
  /** The dev box's name; dev boxes only. */
  readonly devbox_name?: string;
  /**
   * The name of the instance's Tailscale spec, when it has one. A trust credential made for one spec
   * should require it with a custom claim rule (`tailscale_spec` = the spec's name), so no other spec's
   * instances can join through it.
   */
  readonly tailscale_spec?: string;
}

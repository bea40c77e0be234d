import { NscError } from "../errors/nsc-error.js";
import type { InstanceId, WorkspaceId } from "../ids/object-id.js";
import type { IdTokenClaims } from "./id-token-claims.js";
import type { InstanceKind } from "./instance-kind.js";
import type { Audience } from "./parse-audience.js";

/**
 * How far `nbf` is set before `iat`, in seconds. A relying party whose clock runs behind ours would
 * otherwise reject a fresh token as "not yet valid". One minute covers ordinary NTP-synchronised drift
 * without stretching the window in which a token is usable (GitHub Actions backdates ten minutes;
 * our tokens are short-lived, so the backdating stays small). `iat` itself is never backdated.
 */
export const NOT_BEFORE_SKEW_SECS = 60;

/** Everything {@link buildIdTokenClaims} needs. */
export interface IdTokenClaimsInput {
  /** The canonical issuer URL, byte-equal to the discovery document's `issuer`. */
  readonly issuer: string;
  readonly workspaceId: WorkspaceId;
  readonly instanceId: InstanceId;
  readonly instanceKind: InstanceKind;
  readonly audience: Audience;
  /** The current time, in milliseconds since the epoch (from the injected clock). */
  readonly now: number;
  /** Lifetime in whole seconds, already bounded by `parseDurationSecs`. */
  readonly lifetimeSecs: number;
  /** A fresh unique token ID from the injected randomness. */
  readonly jti: string;
  /** Added as `runner_profile` when given. */
  readonly runnerProfile?: string | undefined;
  /** Added as `devbox_name` when given. */
  readonly devboxName?: string | undefined;
  /** Added as `tailscale_spec` when given: the instance's Tailscale spec name. */
  readonly tailscaleSpec?: string | undefined;
  /**
   * When the instance expires, in milliseconds since the epoch: `exp` never falls after it, so a token
   * never outlives the instance it speaks for.
   */
  readonly notAfter?: number | undefined;
}

/**
 * Builds the claims of a workload ID token. `sub` is `<workspace-id>/<instance-id>`, `iat` is `now`
 * rounded down to the second, `nbf` is `iat` − {@link NOT_BEFORE_SKEW_SECS}, `exp` is `iat` + lifetime, or
 * the instance's expiry (`notAfter`) when that comes first.
 *
 * @example
 * buildIdTokenClaims({
 *   issuer: "https://nsc.example.com", workspaceId, instanceId, instanceKind: "runner",
 *   audience: parseAudience("api.tailscale.com/kXyz123CNTRL"), now: clock.now(), lifetimeSecs: 600,
 *   jti: newJti(), runnerProfile: "linux-large",
 * })
 */
export function buildIdTokenClaims(input: IdTokenClaimsInput): IdTokenClaims {
  if (!Number.isFinite(input.now)) {
    throw new NscError("internal", "cannot build ID token claims: the clock returned an invalid time");
  }
  if (!Number.isSafeInteger(input.lifetimeSecs) || input.lifetimeSecs <= 0) {
    throw new NscError("invalid_duration", "ID token lifetime must be a positive whole number of seconds");
  }
  const iat = Math.floor(input.now / 1000);
  const exp =
    input.notAfter === undefined
      ? iat + input.lifetimeSecs
      : Math.min(iat + input.lifetimeSecs, Math.floor(input.notAfter / 1000));
  if (exp <= iat) {
    throw new NscError(
      "workload_token_expired",
      "workload token expired: the instance expires within a second; register the instance again to get a new one",
    );
  }
  return {
    iss: input.issuer,
    sub: `${input.workspaceId}/${input.instanceId}`,
    aud: input.audience,
    iat,
    nbf: iat - NOT_BEFORE_SKEW_SECS,
    exp,
    jti: input.jti,
    tenant_id: input.workspaceId,
    instance_id: input.instanceId,
    instance_kind: input.instanceKind,
    ...(input.runnerProfile === undefined ? {} : { runner_profile: input.runnerProfile }),
    ...(input.devboxName === undefined ? {} : { devbox_name: input.devboxName }),
    ...(input.tailscaleSpec === undefined ? {} : { tailscale_spec: input.tailscaleSpec }),
  };
}

import { compactVerify, decodeJwt, decodeProtectedHeader, importJWK, type JWTPayload } from "jose";
import type { Clock } from "../clock/clock.js";
import { matchesPattern } from "../token-exchange/matches-pattern.js";
import type { TrustCredential } from "../trust-credentials/trust-credential.js";
import type { IssuerKeyCache } from "./issuer-key-cache.js";
import type { RejectionKind } from "./rejection.js";

/**
 * Signature algorithms a trust credential accepts. No source states them for federation; Tailscale's custom
 * OIDC docs name ES256 and RSA (2048 bits or more), so that is all the emulator takes (strict: no ES384).
 */
export const ACCEPTED_ALGORITHMS: readonly string[] = ["RS256", "ES256"];

/** The outcome of checking an ID token against a trust credential. */
export type IdTokenVerdict =
  | { readonly kind: "accepted"; readonly claims: JWTPayload }
  | { readonly kind: "rejected"; readonly reason: RejectionKind; readonly detail: string };

/** What {@link verifyIdToken} needs besides the token. */
export interface VerifyIdTokenContext {
  readonly credential: TrustCredential;
  readonly keys: IssuerKeyCache;
  readonly clock: Clock;
  /** Allowed clock skew for `exp` and `nbf`. */
  readonly leewaySeconds: number;
  /** Longest accepted lifetime, `exp − iat` (or `exp − now` without `iat`). */
  readonly maxLifetimeSeconds: number;
}

/**
 * Checks an ID token the way Tailscale documents for trust credentials: header algorithm, `iss` equal to the
 * credential's issuer, the issuer's discovery `issuer` equal too, signature by the JWKS key named by `kid`,
 * `aud` a string equal to the credential's audience, `exp`/`nbf`, a lifetime within the maximum, the subject
 * pattern and every custom claim rule. Where the facts leave a check open (algorithms, `aud` arrays, the
 * maximum lifetime, RSA key size), this takes the strict choice.
 */
export async function verifyIdToken(jwt: string, context: VerifyIdTokenContext): Promise<IdTokenVerdict> {
  const { credential } = context;
  let header: ReturnType<typeof decodeProtectedHeader>;
  let claims: JWTPayload;
  try {
    header = decodeProtectedHeader(jwt);
    claims = decodeJwt(jwt);
  } catch (error) {
    return reject("malformed_jwt", error instanceof Error ? error.message : "not a JWT");
  }
  const alg = header.alg ?? "";
  if (!ACCEPTED_ALGORITHMS.includes(alg)) return reject("alg_not_allowed", `alg "${alg}" is not accepted`);
  if (claims.iss !== credential.issuer) {
    return reject(
      "issuer_mismatch",
      `iss ${JSON.stringify(claims.iss)} is not ${JSON.stringify(credential.issuer)}`,
    );
  }
  if (header.kid === undefined || header.kid === "")
    return reject("missing_kid", "the token header has no kid");

  const lookup = await context.keys.find(credential.issuer, header.kid);
  if (lookup.kind === "failed") return reject(lookup.reason, lookup.detail);
  if (lookup.jwk.alg !== undefined && lookup.jwk.alg !== alg) {
    return reject("bad_signature", `key "${header.kid}" is for ${lookup.jwk.alg}, the token says ${alg}`);
  }
  try {
    const key = await importJWK(lookup.jwk, alg);
    await compactVerify(jwt, key, { algorithms: [alg] });
  } catch (error) {
    return reject("bad_signature", error instanceof Error ? error.message : "signature verification failed");
  }

  // No source says whether an array `aud` is accepted; the strict reading takes a string only.
  if (typeof claims.aud !== "string") {
    return reject("audience_mismatch", `aud ${JSON.stringify(claims.aud)} is not a string`);
  }
  if (claims.aud !== credential.audience) {
    return reject("audience_mismatch", `aud ${JSON.stringify(claims.aud)} is not "${credential.audience}"`);
  }
  const now = context.clock.now() / 1000;
  if (typeof claims.exp !== "number") return reject("expired", "the token has no exp");
  if (now > claims.exp + context.leewaySeconds)
    return reject("expired", `exp ${claims.exp} is before now ${Math.floor(now)}`);
  if (typeof claims.nbf === "number" && now < claims.nbf - context.leewaySeconds) {
    return reject("not_yet_valid", `nbf ${claims.nbf} is after now ${Math.floor(now)}`);
  }
  const lifetime = claims.exp - (typeof claims.iat === "number" ? claims.iat : now);
  if (lifetime > context.maxLifetimeSeconds) {
    return reject(
      "lifetime_too_long",
      `the token lives ${Math.round(lifetime)} s, more than ${context.maxLifetimeSeconds} s`,
    );
  }
  if (typeof claims.sub !== "string" || !matchesPattern(credential.subject, claims.sub)) {
    return reject(
      "subject_mismatch",
      `sub ${JSON.stringify(claims.sub)} does not match pattern ${JSON.stringify(credential.subject)}`,
    );
  }
  for (const [name, pattern] of Object.entries(credential.customClaimRules)) {
    const value = claims[name];
    const text =
      typeof value === "string" || typeof value === "number" || typeof value === "boolean"
        ? String(value)
        : undefined;
    if (text === undefined || !matchesPattern(pattern, text)) {
      return reject(
        "custom_claim_mismatch",
        `claim ${name} ${JSON.stringify(value)} does not match pattern ${JSON.stringify(pattern)}`,
      );
    }
  }
  return { kind: "accepted", claims };
}

function reject(reason: RejectionKind, detail: string): IdTokenVerdict {
  return { kind: "rejected", reason, detail };
}

import type { JwkSet, PublicJwk } from "@nsc/core";
import type { PublishedKey } from "../signing/published-key.js";
import type { SigningKeyState } from "../signing/rotation-plan.js";

const STATE_ORDER: Readonly<Record<SigningKeyState, number>> = { active: 0, next: 1, retired: 2 };

/**
 * Builds the JWKS from every stored key — `next`, `active` and `retired` alike, since a key is published
 * for as long as it is stored (rotation deletes retired keys only once nothing can need them).
 * The order is stable, so the ETag changes only when the set does: the active key first, then the
 * next key, then retired keys, newest first (ties by `kid`). Each JWK is rebuilt from its public members
 * only, so a private member can never reach the document.
 *
 * @example
 * buildJwksDocument(storedKeys) // { keys: [{ kty: "RSA", n: "…", e: "AQAB", kid: "…", alg: "RS256", use: "sig" }, …] }
 */
export function buildJwksDocument(keys: readonly PublishedKey[]): JwkSet {
  const sorted = [...keys].sort(
    (a, b) =>
      STATE_ORDER[a.state] - STATE_ORDER[b.state] ||
      b.created_at - a.created_at ||
      (a.publicJwk.kid < b.publicJwk.kid ? -1 : a.publicJwk.kid > b.publicJwk.kid ? 1 : 0),
  );
  return { keys: sorted.map((key) => publicMembers(key.publicJwk)) };
}

function publicMembers(jwk: PublicJwk): PublicJwk {
  switch (jwk.kty) {
    case "RSA":
      return { kty: "RSA", n: jwk.n, e: jwk.e, kid: jwk.kid, alg: jwk.alg, use: "sig" };
    case "EC":
      return { kty: "EC", crv: jwk.crv, x: jwk.x, y: jwk.y, kid: jwk.kid, alg: jwk.alg, use: "sig" };
    default: {
      return jwk satisfies never;
    }
  }
}

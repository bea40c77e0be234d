import { createHash } from "node:crypto";
import { NscError } from "@nsc/core";

/** The members of a public JWK that its RFC 7638 thumbprint covers. */
export type ThumbprintInput =
  | { readonly kty: "RSA"; readonly n: string; readonly e: string }
  | { readonly kty: "EC"; readonly crv: string; readonly x: string; readonly y: string };

/**
 * The RFC 7638 JWK thumbprint: base64url of the SHA-256 of the key's required members, in
 * lexicographic order, serialised without whitespace. Used as the `kid` of every signing key, so a
 * `kid` names exactly one public key.
 *
 * @example
 * jwkThumbprint({ kty: "RSA", n: "0vx7…", e: "AQAB" }) // "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"
 */
export function jwkThumbprint(jwk: ThumbprintInput): string {
  // JSON.stringify keeps insertion order, so each object literal lists its members sorted.
  let canonical: string;
  switch (jwk.kty) {
    case "RSA":
      canonical = JSON.stringify({ e: jwk.e, kty: jwk.kty, n: jwk.n });
      break;
    case "EC":
      canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
      break;
    default: {
      throw new NscError(
        "internal",
        `cannot compute a thumbprint for key type ${JSON.stringify(jwk satisfies never)}`,
      );
    }
  }
  return createHash("sha256").update(canonical, "utf8").digest("base64url");
}

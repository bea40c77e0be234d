import { NscError } from "../errors/nsc-error.js";
import type { ErrorCode } from "../errors/error-code.js";

/** The only signature algorithms nsc accepts on external tokens. */
export const EXTERNAL_TOKEN_ALGS = ["RS256", "ES256"] as const;
export type ExternalTokenAlg = (typeof EXTERNAL_TOKEN_ALGS)[number];

/** A public verification key from an issuer's JWKS, with the one algorithm it may verify. */
export interface VerificationJwk {
  /** The JWK as published, private members never included (they are refused). */
  readonly jwk: Readonly<Record<string, string>>;
  readonly kid: string | undefined;
  readonly alg: ExternalTokenAlg;
}

/** Most keys one JWKS may hold. */
export const MAX_JWKS_KEYS = 32;

const PRIVATE_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"] as const;

/**
 * Reads the usable keys of a JWK Set (RFC 7517): RSA keys of at least 2048 bits become RS256 keys, EC P-256
 * keys ES256 keys. A key's own `alg` must be RS256 or ES256 and agree with its type; keys with
 * `use` other than `sig`, or of other types and curves, are skipped (a JWKS may hold encryption keys).
 * A JWKS with private key material is refused outright: it is a key leak, not a configuration.
 *
 * @example
 * parseJwkSet(JSON.parse(await (await fetch(jwksUri)).text()), "the JWKS of https://issuer")
 * @throws NscError with `code` (`invalid_jwks` by default) naming `what` and the problem.
 */
export function parseJwkSet(
  value: unknown,
  what: string,
  code: ErrorCode = "invalid_jwks",
  field?: string,
): readonly VerificationJwk[] {
  const fail = (why: string): NscError =>
    new NscError(code, `${what} is not a usable JWK Set: ${why}`, field === undefined ? {} : { field });
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw fail('it is not a JSON object like {"keys": […]}');
  }
  const keys = (value as Record<string, unknown>).keys;
  if (!Array.isArray(keys)) throw fail('it has no "keys" array');
  if (keys.length > MAX_JWKS_KEYS) throw fail(`it has more than ${MAX_JWKS_KEYS} keys`);
  const usable: VerificationJwk[] = [];
  for (const [index, key] of keys.entries()) {
    if (typeof key !== "object" || key === null || Array.isArray(key))
      throw fail(`keys[${index}] is not an object`);
    const jwk = key as Record<string, unknown>;
    if (PRIVATE_MEMBERS.some((member) => member in jwk)) {
      throw fail(`keys[${index}] contains private key material; give only public keys`);
    }
    if (jwk.use !== undefined && jwk.use !== "sig") continue;
    const kid = typeof jwk.kid === "string" ? jwk.kid : undefined;
    const alg = algOf(jwk);
    if (alg === undefined) continue;
    if (jwk.alg !== undefined && jwk.alg !== alg) continue;
    const members = alg === "RS256" ? ["kty", "n", "e"] : ["kty", "crv", "x", "y"];
    const clean: Record<string, string> = {};
    for (const member of members) {
      const v = jwk[member];
      if (typeof v !== "string" || v === "") throw fail(`keys[${index}] has no "${member}"`);
      clean[member] = v;
    }
    if (alg === "RS256" && base64urlBytes(clean.n ?? "") < 256) {
      throw fail(`keys[${index}] is an RSA key shorter than 2048 bits`);
    }
    usable.push({ jwk: clean, kid, alg });
  }
  return usable;
}

function algOf(jwk: Record<string, unknown>): ExternalTokenAlg | undefined {
  if (jwk.kty === "RSA") return "RS256";
  if (jwk.kty === "EC" && jwk.crv === "P-256") return "ES256";
  return undefined;
}

function base64urlBytes(text: string): number {
  const trimmed = text.replace(/=+$/u, "");
  // Leading zero bytes do not count towards the modulus length.
  let bytes = Math.floor((trimmed.length * 3) / 4);
  if (trimmed.startsWith("AA")) bytes -= 1;
  return bytes;
}

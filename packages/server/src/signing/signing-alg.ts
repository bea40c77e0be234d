import { isOneOf } from "@nsc/core";

/** The JWS algorithms nsc signs ID tokens with: RS256 (the default, which every verifier supports) or ES256. */
export const SIGNING_ALGS = ["RS256", "ES256"] as const;

/** One of {@link SIGNING_ALGS}. */
export type SigningAlg = (typeof SIGNING_ALGS)[number];

/** RSA modulus sizes allowed for RS256 keys, in bits; 2048 is the default. */
export const RSA_MODULUS_LENGTHS = [2048, 3072, 4096] as const;

/** One of {@link RSA_MODULUS_LENGTHS}. */
export type RsaModulusLength = (typeof RSA_MODULUS_LENGTHS)[number];

/** True when `value` is one of {@link SIGNING_ALGS}. */
export function isSigningAlg(value: unknown): value is SigningAlg {
  return isOneOf(SIGNING_ALGS, value);
}

import { verify } from "node:crypto";
import { EXTERNAL_TOKEN_ALGS, NscError, isOneOf, type ExternalTokenAlg } from "@nsc/core";
import type { ResolvedKey } from "./issuer-keys.js";

/** An external JWT split and decoded, not yet verified. */
export interface DecodedToken {
  readonly alg: ExternalTokenAlg;
  readonly kid: string | undefined;
  readonly iss: string;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly signingInput: string;
  readonly signature: Buffer;
}

/** How far an external issuer's clock may run ahead of ours for `nbf` and `iat`, in seconds. */
export const EXTERNAL_CLOCK_SKEW_SECS = 60;
/** Longest remaining lifetime of an external token accepted, in seconds: 24 hours. */
export const MAX_EXTERNAL_TOKEN_LIFETIME_SECS = 24 * 3600;

const TYPES = new Set(["jwt", "at+jwt", "application/jwt", "application/at+jwt"]);

function malformed(why: string): NscError {
  return new NscError("exchange_token_malformed", `the token is not a usable JWT: ${why}`);
}

function decodePart(part: string, what: string): Record<string, unknown> {
  if (!/^[A-Za-z0-9_-]+$/u.test(part)) throw malformed(`its ${what} is not base64url`);
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
  } catch {
    throw malformed(`its ${what} is not JSON`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw malformed(`its ${what} is not a JSON object`);
  }
  return value as Record<string, unknown>;
}

/**
 * Splits and decodes a compact JWS without trusting it. Refused here already: anything but three
 * base64url parts, an `alg` other than RS256 or ES256 (so `none` and HS256 never reach a key), a
 * `crit` header, a `typ` other than JWT or at+jwt, and a missing `iss`.
 *
 * @throws NscError `exchange_token_malformed` or `exchange_signature_invalid`.
 */
export function decodeExternalToken(token: string): DecodedToken {
  const parts = token.trim().split(".");
  if (parts.length !== 3) throw malformed("a JWT has three dot-separated parts");
  const [head = "", body = "", sig = ""] = parts;
  const header = decodePart(head, "header");
  const payload = decodePart(body, "payload");
  const alg = header.alg;
  if (!isOneOf(EXTERNAL_TOKEN_ALGS, alg)) {
    throw new NscError(
      "exchange_signature_invalid",
      `the token's alg ${JSON.stringify(typeof alg === "string" ? alg.slice(0, 20) : alg)} is not accepted: nsc verifies RS256 and ES256 signatures only`,
    );
  }
  if (header.crit !== undefined) throw malformed("it has a crit header, which nsc does not understand");
  if (header.typ !== undefined && (typeof header.typ !== "string" || !TYPES.has(header.typ.toLowerCase()))) {
    throw malformed(`its typ ${JSON.stringify(header.typ)} is not JWT`);
  }
  if (header.kid !== undefined && typeof header.kid !== "string") throw malformed("its kid is not a string");
  if (typeof payload.iss !== "string" || payload.iss === "") throw malformed("it has no iss claim");
  if (sig === "" || !/^[A-Za-z0-9_-]+$/u.test(sig)) {
    throw new NscError("exchange_signature_invalid", "the token has no signature");
  }
  return {
    alg,
    kid: header.kid,
    iss: payload.iss,
    payload,
    signingInput: `${head}.${body}`,
    signature: Buffer.from(sig, "base64url"),
  };
}

/** @throws NscError `exchange_signature_invalid` when the signature does not verify with `key`. */
export function verifySignature(token: DecodedToken, resolved: ResolvedKey): void {
  const ok =
    token.alg === resolved.alg &&
    verify(
      "sha256",
      Buffer.from(token.signingInput, "ascii"),
      token.alg === "ES256" ? { key: resolved.key, dsaEncoding: "ieee-p1363" } : resolved.key,
      token.signature,
    );
  if (!ok) {
    throw new NscError(
      "exchange_signature_invalid",
      `the token's signature does not verify with the key ${JSON.stringify(token.kid ?? "")} of ${token.iss}: it was altered or not signed by that issuer`,
    );
  }
}

function numericDate(payload: Readonly<Record<string, unknown>>, claim: string): number | undefined {
  const value = payload[claim];
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value)) throw malformed(`its ${claim} is not a number`);
  return value;
}

/**
 * Checks the times of a verified token against `now` (ms): `exp` required and in the future; `nbf` and
 * `iat`, when present, not later than now plus {@link EXTERNAL_CLOCK_SKEW_SECS}; and at most
 * {@link MAX_EXTERNAL_TOKEN_LIFETIME_SECS} left.
 *
 * @throws NscError `exchange_token_malformed`, `exchange_token_expired`, `exchange_token_not_yet_valid`,
 * `exchange_token_lifetime_too_long`.
 */
export function checkTokenTimes(token: DecodedToken, now: number): void {
  const nowSecs = now / 1000;
  const exp = numericDate(token.payload, "exp");
  const nbf = numericDate(token.payload, "nbf");
  const iat = numericDate(token.payload, "iat");
  if (exp === undefined) throw malformed("it has no exp claim; nsc accepts only tokens that expire");
  if (exp <= nowSecs) {
    throw new NscError(
      "exchange_token_expired",
      `the token expired at ${new Date(exp * 1000).toISOString()} (now ${new Date(now).toISOString()}): get a fresh one from its issuer`,
    );
  }
  for (const [claim, value] of [
    ["nbf", nbf],
    ["iat", iat],
  ] as const) {
    if (value !== undefined && value > nowSecs + EXTERNAL_CLOCK_SKEW_SECS) {
      throw new NscError(
        "exchange_token_not_yet_valid",
        `the token's ${claim} is ${new Date(value * 1000).toISOString()}, more than ${EXTERNAL_CLOCK_SKEW_SECS} s after now (${new Date(now).toISOString()}): check the clocks of the issuer and of nsc-server`,
      );
    }
  }
  if (exp - nowSecs > MAX_EXTERNAL_TOKEN_LIFETIME_SECS) {
    throw new NscError(
      "exchange_token_lifetime_too_long",
      `the token is valid for ${Math.round((exp - nowSecs) / 3600)} h more; nsc accepts tokens with at most 24 h left: request a shorter-lived token (a Kubernetes projected token with expirationSeconds of 3600, for example)`,
    );
  }
}

import { createPrivateKey, sign, type KeyObject, type SignKeyObjectInput } from "node:crypto";
import { NscError, type IdTokenClaims } from "@nsc/core";
import type { SigningAlg } from "./signing-alg.js";

/** Signs ID tokens with one key. Made once per key and kept: the parsed private key is reused. */
export interface IdTokenSigner {
  readonly kid: string;
  readonly alg: SigningAlg;
  /**
   * Returns the compact JWS `<header>.<payload>.<signature>`; header `{alg, kid, typ: "JWT"}`. The
   * signature is computed on libuv's thread pool, so the event loop keeps parsing and answering requests
   * while it runs and every core can sign.
   */
  sign(claims: IdTokenClaims): Promise<string>;
  /** The same token, signed on the calling thread (raw-signing measurements, worker threads). */
  signSync(claims: IdTokenClaims): string;
}

/** The key {@link createIdTokenSigner} signs with, as opened from storage. */
export interface SignerKey {
  readonly kid: string;
  readonly alg: SigningAlg;
  /** PKCS#8 PEM, or an already parsed private `KeyObject`. */
  readonly privateKey: string | KeyObject;
}

/**
 * Makes a signer for one key. The private key is parsed and checked against `alg` once, and the
 * encoded header is computed once, so each `sign` is one JSON serialisation and one signature.
 * ES256 signatures are the 64-byte IEEE P1363 form (r‖s) that JWS requires, not DER.
 *
 * @example
 * const signer = createIdTokenSigner({ kid, alg: "RS256", privateKey: openPrivateKey(kek, kid, sealed) });
 * const jwt = await signer.sign(buildIdTokenClaims({ … }));
 *
 * @throws NscError `signing_key_unavailable` when the key cannot be parsed or does not fit `alg`.
 */
export function createIdTokenSigner(key: SignerKey): IdTokenSigner {
  const privateKey = parsePrivateKey(key);
  const encodedHeader = Buffer.from(
    JSON.stringify({ alg: key.alg, kid: key.kid, typ: "JWT" }),
    "utf8",
  ).toString("base64url");
  let signKey: KeyObject | SignKeyObjectInput;
  switch (key.alg) {
    case "RS256":
      signKey = privateKey;
      break;
    case "ES256":
      signKey = { key: privateKey, dsaEncoding: "ieee-p1363" };
      break;
    default: {
      throw new NscError(
        "signing_key_unavailable",
        `unsupported signing algorithm ${JSON.stringify(key.alg satisfies never)}`,
      );
    }
  }
  const signingInputOf = (claims: IdTokenClaims): string =>
    `${encodedHeader}.${Buffer.from(JSON.stringify(claims), "utf8").toString("base64url")}`;
  return {
    kid: key.kid,
    alg: key.alg,
    sign(claims: IdTokenClaims): Promise<string> {
      const signingInput = signingInputOf(claims);
      return new Promise((resolve, reject) => {
        sign("sha256", Buffer.from(signingInput, "ascii"), signKey, (error, signature) => {
          if (error !== null) {
            reject(
              new NscError("signing_key_unavailable", `signing with key ${JSON.stringify(key.kid)} failed`, {
                cause: error,
              }),
            );
          } else {
            resolve(`${signingInput}.${signature.toString("base64url")}`);
          }
        });
      });
    },
    signSync(claims: IdTokenClaims): string {
      const signingInput = signingInputOf(claims);
      return `${signingInput}.${sign("sha256", Buffer.from(signingInput, "ascii"), signKey).toString("base64url")}`;
    },
  };
}

function parsePrivateKey(key: SignerKey): KeyObject {
  let privateKey: KeyObject;
  try {
    privateKey = typeof key.privateKey === "string" ? createPrivateKey(key.privateKey) : key.privateKey;
  } catch (error) {
    throw unusable(key, "it is not a valid PKCS#8 private key", error);
  }
  if (privateKey.type !== "private") throw unusable(key, "it is not a private key");
  const details = privateKey.asymmetricKeyDetails;
  switch (key.alg) {
    case "RS256":
      if (privateKey.asymmetricKeyType !== "rsa" || (details?.modulusLength ?? 0) < 2048) {
        throw unusable(key, "RS256 needs an RSA key of at least 2048 bits");
      }
      break;
    case "ES256":
      if (privateKey.asymmetricKeyType !== "ec" || details?.namedCurve !== "prime256v1") {
        throw unusable(key, "ES256 needs a P-256 EC key");
      }
      break;
    default: {
      throw unusable(key, `unsupported signing algorithm ${JSON.stringify(key.alg satisfies never)}`);
    }
  }
  return privateKey;
}

function unusable(key: SignerKey, why: string, cause?: unknown): NscError {
  return new NscError(
    "signing_key_unavailable",
    `signing key ${JSON.stringify(key.kid)} (${key.alg}) cannot be used: ${why}`,
    cause === undefined ? {} : { cause },
  );
}

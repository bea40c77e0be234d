import { generateKeyPair, type KeyObject } from "node:crypto";
import { promisify } from "node:util";
import { NscError, type PublicJwk } from "@nsc/core";
import { jwkThumbprint } from "./jwk-thumbprint.js";
import { RSA_MODULUS_LENGTHS, type RsaModulusLength, type SigningAlg } from "./signing-alg.js";

const generateKeyPairAsync = promisify(generateKeyPair);

/** What {@link generateSigningKey} makes: everything a `signing_keys` row needs before encryption. */
export interface GeneratedSigningKey {
  /** RFC 7638 SHA-256 thumbprint of the public key, base64url. */
  readonly kid: string;
  readonly alg: SigningAlg;
  /** The public key with `kid`, `alg` and `use: "sig"`, ready for the JWKS. */
  readonly publicJwk: PublicJwk;
  /** The private key, PKCS#8 PEM. Secret: seal it with `sealPrivateKey` before storing it. */
  readonly privateKeyPkcs8Pem: string;
}

/** Options of {@link generateSigningKey}. */
export interface GenerateSigningKeyOptions {
  readonly alg: SigningAlg;
  /** RSA modulus size for RS256; 2048 unless given. Ignored for ES256. */
  readonly modulusLength?: RsaModulusLength;
}

/**
 * Generates a fresh ID token signing key: RSA (2048 bits by default, 3072 or 4096 allowed) for
 * RS256, or P-256 for ES256. Runs off the main thread, since large RSA keys take a while.
 *
 * @example
 * const key = await generateSigningKey({ alg: "RS256" });
 * key.kid // "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"
 */
export async function generateSigningKey(options: GenerateSigningKeyOptions): Promise<GeneratedSigningKey> {
  const { alg } = options;
  let pair: { publicKey: KeyObject; privateKey: KeyObject };
  switch (alg) {
    case "RS256": {
      const modulusLength = options.modulusLength ?? 2048;
      if (!(RSA_MODULUS_LENGTHS as readonly number[]).includes(modulusLength)) {
        throw new NscError(
          "invalid_config",
          `RSA signing keys must be ${RSA_MODULUS_LENGTHS.join(", ")} bits, not ${modulusLength}`,
        );
      }
      pair = await generateKeyPairAsync("rsa", { modulusLength, publicExponent: 0x10001 });
      break;
    }
    case "ES256":
      pair = await generateKeyPairAsync("ec", { namedCurve: "P-256" });
      break;
    default: {
      throw new NscError(
        "invalid_config",
        `unsupported signing algorithm ${JSON.stringify(alg satisfies never)}`,
      );
    }
  }
  const publicJwk = toPublicJwk(pair.publicKey, alg);
  const privateKeyPkcs8Pem = pair.privateKey.export({ format: "pem", type: "pkcs8" }).toString();
  return { kid: publicJwk.kid, alg, publicJwk, privateKeyPkcs8Pem };
}

function toPublicJwk(publicKey: KeyObject, alg: SigningAlg): PublicJwk {
  const jwk = publicKey.export({ format: "jwk" });
  switch (alg) {
    case "RS256": {
      const { n, e } = jwk;
      if (jwk.kty !== "RSA" || n === undefined || e === undefined) break;
      return { kty: "RSA", n, e, kid: jwkThumbprint({ kty: "RSA", n, e }), alg, use: "sig" };
    }
    case "ES256": {
      const { x, y } = jwk;
      if (jwk.kty !== "EC" || jwk.crv !== "P-256" || x === undefined || y === undefined) break;
      return {
        kty: "EC",
        crv: "P-256",
        x,
        y,
        kid: jwkThumbprint({ kty: "EC", crv: "P-256", x, y }),
        alg,
        use: "sig",
      };
    }
    default: {
      throw new NscError("internal", `unsupported signing algorithm ${JSON.stringify(alg satisfies never)}`);
    }
  }
  throw new NscError("internal", `the generated ${alg} public key could not be exported as a JWK`);
}

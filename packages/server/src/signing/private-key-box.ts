import { createCipheriv, createDecipheriv, randomBytes as nodeRandomBytes } from "node:crypto";
import { NscError, type RandomBytes } from "@nsc/core";
import type { KeyEncryptionKey } from "./key-encryption-key.js";

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;
const BASE64URL = /^[A-Za-z0-9_-]*$/u;

const WRONG_KEK =
  "the key-encryption key does not match the one the signing keys were encrypted with; restore " +
  "NSC_KEY_ENCRYPTION_KEY (or NSC_KEY_ENCRYPTION_KEY_FILE, or the data folder's key-encryption-key file) " +
  "to the key used when the signing keys were created";

/** Additional authenticated data: binds a sealed key to its format version and its `kid`. */
function aadFor(kid: string): Buffer {
  return Buffer.from(`nsc-signing-key.${VERSION}.${kid}`, "utf8");
}

/**
 * Encrypts a signing key's PKCS#8 PEM under the key-encryption key with AES-256-GCM, a random 12-byte
 * IV, and the `kid` as additional authenticated data (so a sealed key cannot be moved to another row).
 *
 * The result is one ASCII string of five dot-separated fields, all but the first base64url:
 * `v1.<kek-id>.<iv>.<ciphertext>.<tag>` — format version, the {@link KeyEncryptionKey.id} it was sealed
 * under, the 12-byte IV, the ciphertext, the 16-byte GCM tag.
 *
 * @example
 * const sealed = sealPrivateKey(kek, key.kid, key.privateKeyPkcs8Pem); // "v1.Qm9….k2x….MIIE….Zr0…"
 */
export function sealPrivateKey(
  kek: KeyEncryptionKey,
  kid: string,
  privateKeyPkcs8Pem: string,
  randomBytes: RandomBytes = nodeRandomBytes,
): string {
  const iv = randomBytes(IV_BYTES);
  if (iv.length !== IV_BYTES)
    throw new NscError("internal", "the random source returned the wrong number of bytes");
  const cipher = createCipheriv("aes-256-gcm", kek.secret, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aadFor(kid));
  const ciphertext = Buffer.concat([cipher.update(privateKeyPkcs8Pem, "utf8"), cipher.final()]);
  return [VERSION, kek.id, b64(iv), b64(ciphertext), b64(cipher.getAuthTag())].join(".");
}

/**
 * Decrypts a string made by {@link sealPrivateKey} back to the PKCS#8 PEM. Never falls back to a new
 * key: a key that cannot be opened stops signing with a clear error.
 *
 * @throws NscError `key_encryption_key_invalid` when the key-encryption key is not the one used to seal;
 *   `signing_key_unavailable` when the sealed string is malformed, from an unknown format version, or
 *   fails its integrity check (modified, or stored under another `kid`).
 */
export function openPrivateKey(kek: KeyEncryptionKey, kid: string, sealed: string): string {
  const parts = sealed.split(".");
  const [version, kekId, iv, ciphertext, tag] = parts;
  if (version !== VERSION) {
    throw unavailable(
      kid,
      parts.length === 5 && version !== undefined && /^v\d+$/u.test(version)
        ? `it uses format ${version}, which this version of nsc cannot read; upgrade nsc-server`
        : "it is not a sealed key nsc understands",
    );
  }
  if (
    parts.length !== 5 ||
    kekId === undefined ||
    iv === undefined ||
    ciphertext === undefined ||
    tag === undefined ||
    ![kekId, iv, ciphertext, tag].every((part) => BASE64URL.test(part))
  ) {
    throw unavailable(kid, "the stored value is malformed");
  }
  if (kekId !== kek.id) throw new NscError("key_encryption_key_invalid", WRONG_KEK);
  const ivBytes = Buffer.from(iv, "base64url");
  const tagBytes = Buffer.from(tag, "base64url");
  if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES) {
    throw unavailable(kid, "the stored value is malformed");
  }
  const decipher = createDecipheriv("aes-256-gcm", kek.secret, ivBytes, { authTagLength: TAG_BYTES });
  decipher.setAAD(aadFor(kid));
  decipher.setAuthTag(tagBytes);
  try {
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString(
      "utf8",
    );
  } catch (error) {
    throw unavailable(kid, "it failed its integrity check (modified, or stored under another kid)", error);
  }
}

function unavailable(kid: string, why: string, cause?: unknown): NscError {
  return new NscError(
    "signing_key_unavailable",
    `the stored private key of signing key ${JSON.stringify(kid)} cannot be opened: ${why}`,
    cause === undefined ? {} : { cause },
  );
}

function b64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("base64url");
}

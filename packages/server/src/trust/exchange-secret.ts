import { createHmac, createSecretKey, type KeyObject } from "node:crypto";
import type { KeyEncryptionKey } from "../signing/key-encryption-key.js";

/**
 * The key under which the workload tokens of exchanged instances are derived: HMAC-SHA-256 of a fixed
 * label under the key-encryption key. Every replica shares the key-encryption key, so each derives the
 * same workload token for the same external token, and the database alone never suffices to compute one.
 */
export function deriveExchangeSecret(kek: KeyEncryptionKey): KeyObject {
  return createSecretKey(
    createHmac("sha256", kek.secret).update("nsc exchanged workload tokens v1").digest(),
  );
}

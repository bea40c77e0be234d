import { existsSync } from "node:fs";
import { createHmac, createSecretKey, randomBytes as nodeRandomBytes, type KeyObject } from "node:crypto";
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { NscError, type RandomBytes } from "@nsc/core";

/** Environment variable holding the key-encryption key: base64 of 32 random bytes. */
export const KEK_ENV = "NSC_KEY_ENCRYPTION_KEY";
/** Environment variable naming a file that holds the key-encryption key (base64 text). */
export const KEK_FILE_ENV = "NSC_KEY_ENCRYPTION_KEY_FILE";
/** Name of the key file generated inside the data folder when no key is configured. */
export const GENERATED_KEK_FILE_NAME = "key-encryption-key";

const KEK_BYTES = 32;
// 32 bytes are 43 base64 characters plus one "=" of padding; both alphabets are accepted.
const BASE64_KEK = /^(?:[A-Za-z0-9+/]{43}=?|[A-Za-z0-9_-]{43})$/u;
const HOW_TO_MAKE_ONE = "generate one with `openssl rand -base64 32`";

/** Where the key-encryption key came from; paths are reported so an operator knows what to back up. */
export type KeyEncryptionKeySource =
  | { readonly kind: "env" }
  | { readonly kind: "file"; readonly path: string }
  | { readonly kind: "data_dir"; readonly path: string; readonly generated: boolean };

/**
 * The key that encrypts signing keys at rest (AES-256-GCM). The secret is held in a `KeyObject`, which
 * never prints its bytes when logged or serialised.
 */
export interface KeyEncryptionKey {
  readonly secret: KeyObject;
  /**
   * A short public fingerprint (HMAC of a fixed label under the key, 11 base64url characters). Stored
   * beside each sealed private key so a wrong key is recognised as such rather than as corruption.
   */
  readonly id: string;
}

/** The result of {@link loadKeyEncryptionKey}. */
export interface LoadedKeyEncryptionKey {
  readonly kek: KeyEncryptionKey;
  readonly source: KeyEncryptionKeySource;
  /** Something the operator should know (a key was generated, a key file is readable by others); log it. */
  readonly warning: string | null;
}

/** Inputs of {@link loadKeyEncryptionKey}, injected so tests touch no real environment. */
export interface LoadKeyEncryptionKeyOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The server's data folder; a key is generated here when none is configured. */
  readonly dataDir: string;
  /** Randomness for a generated key; `crypto.randomBytes` unless given. */
  readonly randomBytes?: RandomBytes;
  /**
   * False when keys sealed under some key-encryption key already exist: then a missing key is an error,
   * never a reason to generate a new one. True unless given.
   */
  readonly mayGenerate?: boolean;
}

/**
 * Makes a {@link KeyEncryptionKey} from exactly 32 bytes.
 *
 * @throws NscError `key_encryption_key_invalid` when the length is wrong.
 */
export function keyEncryptionKeyFromBytes(bytes: Uint8Array): KeyEncryptionKey {
  if (bytes.length !== KEK_BYTES) {
    throw new NscError(
      "key_encryption_key_invalid",
      `the key-encryption key must be exactly ${KEK_BYTES} bytes, not ${bytes.length}; ${HOW_TO_MAKE_ONE}`,
    );
  }
  const secret = createSecretKey(Uint8Array.from(bytes));
  const id = createHmac("sha256", secret).update("nsc key-encryption-key id", "utf8").digest().subarray(0, 8);
  return { secret, id: id.toString("base64url") };
}

/**
 * Loads the key-encryption key, in this order:
 * 1. `NSC_KEY_ENCRYPTION_KEY`: base64 (standard or URL-safe) of 32 bytes;
 * 2. `NSC_KEY_ENCRYPTION_KEY_FILE`: a file holding the same base64 text;
 * 3. otherwise `<dataDir>/key-encryption-key`, generated with mode 0600 when missing. A generated key
 *    comes with a warning to log: it must be backed up, and every replica must share it.
 *
 * Setting both variables, or setting one to an empty value, is an error rather than a silent fallback,
 * since a different key would make the stored signing keys unreadable.
 *
 * @example
 * const { kek, warning } = await loadKeyEncryptionKey({ env: process.env, dataDir: "/var/lib/nsc" });
 * if (warning !== null) logger.warn(warning);
 *
 * @throws NscError `key_encryption_key_invalid`; its message never contains key material.
 */
export async function loadKeyEncryptionKey(
  options: LoadKeyEncryptionKeyOptions,
): Promise<LoadedKeyEncryptionKey> {
  const fromEnv = options.env[KEK_ENV];
  const fromFile = options.env[KEK_FILE_ENV];
  if (fromEnv !== undefined && fromFile !== undefined) {
    throw new NscError(
      "key_encryption_key_invalid",
      `both ${KEK_ENV} and ${KEK_FILE_ENV} are set; set only one of them`,
    );
  }
  if (fromEnv !== undefined) {
    return { kek: parseBase64Kek(fromEnv, KEK_ENV), source: { kind: "env" }, warning: null };
  }
  if (fromFile !== undefined) {
    if (fromFile.trim() === "") {
      throw new NscError(
        "key_encryption_key_invalid",
        `${KEK_FILE_ENV} is set but empty; set it to the key file's path`,
      );
    }
    return readKeyFile(fromFile, `${KEK_FILE_ENV} (${fromFile})`, { kind: "file", path: fromFile });
  }
  const path = join(options.dataDir, GENERATED_KEK_FILE_NAME);
  if (options.mayGenerate === false && !existsSync(path)) {
    throw new NscError(
      "key_encryption_key_invalid",
      `the database holds signing keys, but no key-encryption key is configured and ${path} does not exist: set ${KEK_ENV} or ${KEK_FILE_ENV} to the key they were encrypted with`,
    );
  }
  const generated = await generateKeyFile(path, options.randomBytes ?? nodeRandomBytes);
  if (!generated) {
    return readKeyFile(path, `the key file ${path}`, { kind: "data_dir", path, generated: false });
  }
  const loaded = await readKeyFile(path, `the key file ${path}`, { kind: "data_dir", path, generated: true });
  return {
    ...loaded,
    warning:
      `no ${KEK_ENV} or ${KEK_FILE_ENV} is set, so a new key-encryption key was generated at ${path} (mode 0600). ` +
      `Back it up: without it the signing keys in the database cannot be decrypted. ` +
      `With several replicas, give every one the same key through ${KEK_ENV} or ${KEK_FILE_ENV}.`,
  };
}

function parseBase64Kek(text: string, where: string): KeyEncryptionKey {
  const trimmed = text.trim();
  if (trimmed === "") {
    throw new NscError("key_encryption_key_invalid", `${where} is empty; ${HOW_TO_MAKE_ONE}`);
  }
  if (!BASE64_KEK.test(trimmed)) {
    throw new NscError(
      "key_encryption_key_invalid",
      `${where} is not base64 of exactly ${KEK_BYTES} bytes (44 characters with padding); ${HOW_TO_MAKE_ONE}`,
    );
  }
  return keyEncryptionKeyFromBytes(Buffer.from(trimmed, "base64"));
}

async function readKeyFile(
  path: string,
  where: string,
  source: KeyEncryptionKeySource,
): Promise<LoadedKeyEncryptionKey> {
  let text: string;
  let mode: number;
  try {
    text = await readFile(path, "utf8");
    mode = (await stat(path)).mode;
  } catch (error) {
    throw new NscError(
      "key_encryption_key_invalid",
      `cannot read ${where}: ${errorCode(error)}; check the path and that nsc-server may read it`,
      { cause: error },
    );
  }
  const kek = parseBase64Kek(text, where);
  const looseMode = process.platform !== "win32" && (mode & 0o077) !== 0;
  return {
    kek,
    source,
    warning: looseMode
      ? `${where} can be read by other users (mode ${(mode & 0o777).toString(8).padStart(4, "0")}); run chmod 600 on it`
      : null,
  };
}

/** Writes a fresh key to `path` unless the file exists; true when this call created it. */
async function generateKeyFile(path: string, random: RandomBytes): Promise<boolean> {
  const bytes = random(KEK_BYTES);
  if (bytes.length !== KEK_BYTES) {
    throw new NscError("internal", "the random source returned the wrong number of bytes");
  }
  try {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    // "wx" fails when the file exists, so two processes starting at once never overwrite each other's key.
    await writeFile(path, `${Buffer.from(bytes).toString("base64")}\n`, { flag: "wx", mode: 0o600 });
    return true;
  } catch (error) {
    if (errorCode(error) === "EEXIST") return false;
    throw new NscError(
      "key_encryption_key_invalid",
      `cannot create a key-encryption key at ${path}: ${errorCode(error)}; make the data folder writable, or set ${KEK_ENV} or ${KEK_FILE_ENV}`,
      { cause: error },
    );
  }
}

function errorCode(error: unknown): string {
  if (typeof error === "object" && error !== null && "code" in error && typeof error.code === "string") {
    return error.code;
  }
  return "unknown error";
}

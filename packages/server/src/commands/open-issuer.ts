import type { ServerConfig } from "../config/server-config.js";
import type { Runtime } from "../runtime/runtime.js";
import { KeyRing } from "../signing/key-ring.js";
import { loadKeyEncryptionKey, type KeyEncryptionKey } from "../signing/key-encryption-key.js";
import type { Store } from "../store/open-store.js";
import type { ServerIo } from "./server-io.js";

/**
 * Loads the key-encryption key and opens the signing keys: on a new installation the first key is made;
 * with a key-encryption key that does not match the stored keys, this throws and start-up stops. The
 * key-encryption key comes from `env` (`NSC_KEY_ENCRYPTION_KEY`, `NSC_KEY_ENCRYPTION_KEY_FILE`) or the data
 * directory.
 */
export async function openIssuer(
  config: ServerConfig,
  store: Store,
  runtime: Runtime,
  env: ServerIo["env"],
): Promise<{ readonly keyRing: KeyRing; readonly kek: KeyEncryptionKey }> {
  const stored = await store.db.selectFrom("signing_keys").select("kid").limit(1).execute();
  const loaded = await loadKeyEncryptionKey({
    env,
    dataDir: config.dataDir,
    randomBytes: runtime.randomBytes,
    mayGenerate: stored.length === 0,
  });
  if (loaded.warning !== null) runtime.logger.warn(loaded.warning);
  const keyRing = await KeyRing.open({
    store,
    runtime,
    kek: loaded.kek,
    alg: config.signingAlg,
    policy: config.rotationPolicy,
    refreshMs: config.keyRefreshMs,
  });
  return { keyRing, kek: loaded.kek };
}

import type { EmulatorContext } from "../emulator/emulator-context.js";
import type { RouteResponse } from "../emulator/route-request.js";
import type { AuthKey } from "./auth-key.js";
import { authKeyJson } from "./auth-key-json.js";
import type { KeyCapabilities } from "./parse-key-capabilities.js";

const DEFAULT_EXPIRY_SECONDS = 90 * 24 * 60 * 60;

/** Creates and stores an auth key, answering 200 with the key JSON including the secret. */
export function mintAuthKey(
  capabilities: KeyCapabilities,
  clientId: string,
  context: EmulatorContext,
): RouteResponse {
  const id = `k${context.randomHex(6)}CNTRL`;
  const now = context.clock.now();
  const key: AuthKey = {
    id,
    key: `tskey-auth-${id}-${context.randomHex(16)}`,
    clientId,
    reusable: capabilities.reusable,
    ephemeral: capabilities.ephemeral,
    preauthorized: capabilities.preauthorized,
    tags: capabilities.tags,
    createdAt: now,
    expiresAt: now + (capabilities.expirySeconds ?? DEFAULT_EXPIRY_SECONDS) * 1000,
    usedBy: undefined,
  };
  context.state.addAuthKey(key);
  return { status: 200, body: authKeyJson(key, { includeSecret: true }) };
}

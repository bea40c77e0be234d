import type { AuthKey } from "./auth-key.js";

/**
 * The API's JSON view of an auth key: `{"id","key","created","expires","capabilities"}` (the secret only
 * right after creation).
 */
export function authKeyJson(
  key: AuthKey,
  options: { readonly includeSecret: boolean },
): Record<string, unknown> {
  return {
    id: key.id,
    ...(options.includeSecret ? { key: key.key } : {}),
    created: new Date(key.createdAt).toISOString().replace(/\.\d{3}Z$/, "Z"),
    expires: new Date(key.expiresAt).toISOString().replace(/\.\d{3}Z$/, "Z"),
    capabilities: {
      devices: {
        create: {
          reusable: key.reusable,
          ephemeral: key.ephemeral,
          preauthorized: key.preauthorized,
          tags: key.tags,
        },
      },
    },
  };
}

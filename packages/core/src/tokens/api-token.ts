import * as z from "zod/mini";

import { ROLES } from "./token-roles.js";

// Kept here too, so the package's index exports them as before.
export { API_TOKEN_PREFIX, ROLES, WORKLOAD_TOKEN_PREFIX, type Role } from "./token-roles.js";

/** Body of `POST /v1/tokens`. */
export const createApiTokenRequestSchema = z.strictObject({
  name: z
    .string()
    .check(
      z.minLength(1),
      z.maxLength(64),
      z.regex(
        /^[A-Za-z0-9](?:[A-Za-z0-9 ._-]*[A-Za-z0-9._-])?$/u,
        "use letters, digits, spaces, '.', '_' or '-', with no space at the start or end",
      ),
    ),
  role: z.enum(ROLES),
  /** Lifetime in seconds; absent means the token does not expire. */
  expires_in_secs: z.optional(z.number().check(z.int(), z.minimum(60), z.maximum(10 * 365 * 24 * 3600))),
});
export type CreateApiTokenRequest = z.output<typeof createApiTokenRequestSchema>;

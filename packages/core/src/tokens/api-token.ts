import { z } from "zod";

import { ROLES, type Role } from "./token-roles.js";

// Kept here too, so the package's index exports them as before.
export { API_TOKEN_PREFIX, ROLES, WORKLOAD_TOKEN_PREFIX, type Role } from "./token-roles.js";

/** An API token as listed; never includes the secret. */
export interface ApiTokenInfo {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly created_at: string;
  readonly expires_at: string | null;
  readonly revoked_at: string | null;
  readonly last_used_at: string | null;
}

/** Body of `POST /v1/tokens`. */
export const createApiTokenRequestSchema = z.strictObject({
  name: z
    .string()
    .min(1)
    .max(64)
    .regex(
      /^[A-Za-z0-9](?:[A-Za-z0-9 ._-]*[A-Za-z0-9._-])?$/u,
      "use letters, digits, spaces, '.', '_' or '-', with no space at the start or end",
    ),
  role: z.enum(ROLES),
  /** Lifetime in seconds; absent means the token does not expire. */
  expires_in_secs: z
    .number()
    .int()
    .min(60)
    .max(10 * 365 * 24 * 3600)
    .optional(),
});
export type CreateApiTokenRequest = z.infer<typeof createApiTokenRequestSchema>;

/** Response of `POST /v1/tokens`: the only time the secret is shown. */
export interface CreateApiTokenResponse {
  readonly token: ApiTokenInfo;
  readonly secret: string;
}

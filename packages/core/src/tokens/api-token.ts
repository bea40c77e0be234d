import { z } from "zod";

/** What an API token may do: `admin` everything, `member` read-only, `launcher` register and destroy instances. */
export const ROLES = ["admin", "member", "launcher"] as const;
export type Role = (typeof ROLES)[number];

/** Prefix of every API token secret; makes leaked tokens easy to find with secret scanners. */
export const API_TOKEN_PREFIX = "nsct_";
/** Prefix of every workload token secret. */
export const WORKLOAD_TOKEN_PREFIX = "nscw_";

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

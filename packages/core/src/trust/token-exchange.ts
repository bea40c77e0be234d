import * as z from "zod/mini";

/** Largest external token accepted, in characters. */
export const MAX_EXTERNAL_TOKEN_LENGTH = 16 * 1024;

/** Body of `POST /v1/auth/exchange-oidc-token`: no API token; the external token is the credential. */
export const exchangeTokenRequestSchema = z.strictObject({
  workspace_id: z.string().check(z.maxLength(64)),
  token: z.string().check(z.minLength(1), z.maxLength(MAX_EXTERNAL_TOKEN_LENGTH)),
  /** The job's runner labels, for relationships that grant runners chosen by label. */
  labels: z.exactOptional(
    z.array(z.string().check(z.maxLength(1024))).check(z.minLength(1), z.maxLength(128)),
  ),
  /** Consider only this relationship (otherwise every relationship for the token's issuer is tried). */
  trust_relationship: z.exactOptional(z.string().check(z.maxLength(64))),
});
export type ExchangeTokenRequest = z.output<typeof exchangeTokenRequestSchema>;

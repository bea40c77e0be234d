import * as z from "zod/mini";
import { ROLES } from "../tokens/token-roles.js";
import { named, time, type Wire } from "./wire.js";

/** An API token as listed; never includes the secret. */
export const apiTokenInfoSchema = named(
  z.strictObject({
    id: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    created_at: time,
    expires_at: z.nullable(time),
    revoked_at: z.nullable(time),
    last_used_at: z.nullable(time),
  }),
  "ApiToken",
);
export type ApiTokenInfo = Wire<typeof apiTokenInfoSchema>;

/** `POST /v1/tokens`: the only time the secret is shown. */
export const createApiTokenResponseSchema = named(
  z.strictObject({ token: apiTokenInfoSchema, secret: z.string() }),
  "CreateApiTokenResponse",
);
export type CreateApiTokenResponse = Wire<typeof createApiTokenResponseSchema>;

/** `GET /v1/tokens`. */
export const apiTokenListSchema = z.strictObject({ tokens: z.array(apiTokenInfoSchema) });
export type ApiTokenList = Wire<typeof apiTokenListSchema>;

/** `DELETE /v1/tokens/{id}`: the token as revoked. */
export const apiTokenEnvelopeSchema = z.strictObject({ token: apiTokenInfoSchema });
export type ApiTokenEnvelope = Wire<typeof apiTokenEnvelopeSchema>;

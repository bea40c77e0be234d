import { z } from "zod";
import type { InstanceInfo } from "../instances/instance.js";

/** Largest external token accepted, in characters. */
export const MAX_EXTERNAL_TOKEN_LENGTH = 16 * 1024;

/** Body of `POST /v1/auth/exchange-oidc-token`: no API token; the external token is the credential. */
export const exchangeTokenRequestSchema = z.strictObject({
  workspace_id: z.string().max(64),
  token: z.string().min(1).max(MAX_EXTERNAL_TOKEN_LENGTH),
  /** The job's runner labels, for relationships that grant runners chosen by label. */
  labels: z.array(z.string().max(1024)).min(1).max(128).exactOptional(),
  /** Consider only this relationship (otherwise every relationship for the token's issuer is tried). */
  trust_relationship: z.string().max(64).exactOptional(),
});
export type ExchangeTokenRequest = z.infer<typeof exchangeTokenRequestSchema>;

/** Response of the exchange: the instance and its workload token, which expires with it. */
export interface ExchangeTokenResponse {
  readonly instance: InstanceInfo;
  readonly workload_token: string;
  readonly expires_at: string;
  readonly trust_relationship: string;
}

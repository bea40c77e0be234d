import type { InstanceInfo } from "@nsc/core/api/instances.js";
import { exchangeTokenResponseSchema } from "@nsc/core/api/trust.js";
import { NscError } from "@nsc/core/errors/nsc-error.js";
import { WORKLOAD_TOKEN_PREFIX } from "@nsc/core/tokens/token-roles.js";
import type { ExchangeTokenRequest } from "@nsc/core/trust/token-exchange.js";
import { NscClient } from "../api/nsc-client.js";
import type { Transport } from "../http/transport.js";
import { loadCredentials } from "../config/cli-config.js";
import type { WorkloadCredential } from "../workload/find-workload-credential.js";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "../workload/retry-policy.js";

/** The exchange endpoint of the nsc server. */
export const EXCHANGE_PATH = "/v1/auth/exchange-oidc-token";

/** What an exchange gave: the workload credential (in memory) and what the server said about it. */
export interface ExchangeResult {
  readonly credential: WorkloadCredential;
  readonly instance: InstanceInfo;
  readonly instanceId: string;
  readonly kind: string;
  readonly spec: string | null;
  readonly expiresAt: string;
  readonly trustRelationship: string;
}

/**
 * The nsc server to exchange with: `--endpoint`, else `$NSC_ENDPOINT`, else the saved login's.
 *
 * @throws NscError `invalid_config` when none is known.
 */
export function exchangeEndpoint(
  flag: string | undefined,
  env: NodeJS.ProcessEnv,
): { endpoint: string; source: string } {
  if (flag !== undefined && flag !== "") return { endpoint: flag, source: "--endpoint" };
  if (env.NSC_ENDPOINT !== undefined && env.NSC_ENDPOINT !== "")
    return { endpoint: env.NSC_ENDPOINT, source: "NSC_ENDPOINT" };
  try {
    return { endpoint: loadCredentials(env).endpoint, source: "the saved login" };
  } catch (error) {
    if (!(error instanceof NscError && error.code === "not_logged_in")) throw error;
  }
  throw new NscError(
    "invalid_config",
    "no nsc server to exchange with: pass --endpoint URL or set NSC_ENDPOINT",
  );
}

/**
 * `POST /v1/auth/exchange-oidc-token` with no API token: the external token is the credential. Network
 * errors and 5xx are retried (an exchange is idempotent: the same token gives the same instance); a 4xx
 * is not. The external and workload tokens appear in no message.
 *
 * @throws NscError the server's code and message (which names the failed check), `server_unreachable`.
 */
export async function exchangeForWorkloadToken(
  endpointInfo: { readonly endpoint: string; readonly source: string },
  request: ExchangeTokenRequest,
  options: { readonly transport: Transport; readonly retry?: RetryPolicy; readonly timeoutMs?: number },
): Promise<ExchangeResult> {
  const client = new NscClient(
    endpointInfo.endpoint,
    { kind: "anonymous", endpointSource: endpointInfo.source },
    { ...options, retry: options.retry ?? DEFAULT_RETRY_POLICY },
  );
  const answer = await client.call("POST", EXCHANGE_PATH, exchangeTokenResponseSchema, request);
  if (!answer.workload_token.startsWith(WORKLOAD_TOKEN_PREFIX)) {
    throw new NscError(
      "unexpected_response",
      `the server at ${client.endpoint} answered the exchange without a workload token`,
    );
  }
  const { instance } = answer;
  return {
    credential: {
      token: answer.workload_token,
      source: "the token exchange",
      endpoint: client.endpoint,
      endpointSource: endpointInfo.source,
    },
    instance,
    instanceId: instance.id,
    kind: instance.kind,
    spec: instance.tailscale_spec,
    expiresAt: answer.expires_at,
    trustRelationship: answer.trust_relationship,
  };
}

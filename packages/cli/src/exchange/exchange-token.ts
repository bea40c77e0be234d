import { NscError } from "@nsc/core/errors/nsc-error.js";
import { isErrorCode } from "@nsc/core/errors/error-code.js";
import { WORKLOAD_TOKEN_PREFIX } from "@nsc/core/tokens/token-roles.js";
import type { ExchangeTokenRequest } from "@nsc/core/trust/token-exchange.js";
import { describeTransportFailure } from "../http/describe-transport-failure.js";
import { DEFAULT_TIMEOUT_MS } from "../http/network-settings.js";
import type { HttpResponse, Transport } from "../http/transport.js";
import { loadCredentials } from "../config/cli-config.js";
import { ResponseFields } from "../instances/response-fields.js";
import type { WorkloadCredential } from "../workload/find-workload-credential.js";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "../workload/retry-policy.js";
import { withRetries, type Attempt } from "../workload/with-retries.js";

/** The exchange endpoint of the nsc server. */
export const EXCHANGE_PATH = "/v1/auth/exchange-oidc-token";

/** What an exchange gave: the workload credential (in memory) and what the server said about it. */
export interface ExchangeResult {
  readonly credential: WorkloadCredential;
  readonly instance: Readonly<Record<string, unknown>>;
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
  const endpoint = endpointInfo.endpoint.replace(/\/+$/u, "");
  const policy = options.retry ?? DEFAULT_RETRY_POLICY;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadlineAt = (policy.now ?? Date.now)() + timeoutMs;
  const url = `${endpoint}${EXCHANGE_PATH}`;
  const answer = await withRetries(
    policy,
    async (_index, remainingMs): Promise<Attempt<unknown>> => {
      let response: HttpResponse;
      try {
        response = await options.transport({
          method: "POST",
          url,
          headers: { accept: "application/json", "content-type": "application/json" },
          body: JSON.stringify(request),
          timeoutMs: Math.max(1, Math.min(remainingMs, timeoutMs)),
        });
      } catch (error) {
        return {
          kind: "transient",
          error: new NscError(
            "server_unreachable",
            `cannot reach the nsc server at ${endpoint} (${describeTransportFailure(error)}; endpoint from ${endpointInfo.source}): check that it is running and reachable from this machine`,
          ),
        };
      }
      let parsed: unknown;
      try {
        parsed = response.body === "" ? undefined : JSON.parse(response.body);
      } catch {
        parsed = undefined;
      }
      const ok = response.status >= 200 && response.status <= 299;
      if (ok && parsed !== undefined) return { kind: "done", value: parsed };
      const error = errorOf(parsed, response.status, endpoint);
      if (response.status >= 500) return { kind: "transient", error };
      throw error;
    },
    { what: `POST ${url}`, deadlineAt },
  );
  const fields = new ResponseFields(answer, "answer");
  const token = fields.string("workload_token");
  if (!token.startsWith(WORKLOAD_TOKEN_PREFIX)) {
    throw new NscError(
      "unexpected_response",
      `the server at ${endpoint} answered the exchange without a workload token`,
    );
  }
  const instance = (answer as { instance?: unknown }).instance;
  if (typeof instance !== "object" || instance === null) {
    throw new NscError(
      "unexpected_response",
      `the server at ${endpoint} answered the exchange without an instance`,
    );
  }
  const info = new ResponseFields(instance, "instance");
  return {
    credential: { token, source: "the token exchange", endpoint, endpointSource: endpointInfo.source },
    instance: instance as Record<string, unknown>,
    instanceId: info.string("id"),
    kind: info.string("kind"),
    spec: info.nullableString("tailscale_spec"),
    expiresAt: fields.string("expires_at"),
    trustRelationship: fields.string("trust_relationship"),
  };
}

function errorOf(body: unknown, status: number, endpoint: string): NscError {
  const error = (body as { error?: unknown } | undefined)?.error;
  if (typeof error === "object" && error !== null) {
    const { code, message } = error as Record<string, unknown>;
    if (isErrorCode(code) && typeof message === "string") return new NscError(code, message);
  }
  return new NscError(
    "unexpected_response",
    `the server at ${endpoint} answered HTTP ${status} without an nsc error body`,
  );
}

import { NscError } from "@nsc/core/errors/nsc-error.js";
import { isErrorCode, type ErrorCode } from "@nsc/core/errors/error-code.js";
import { DEFAULT_TIMEOUT_MS } from "../http/network-settings.js";
import { describeTransportFailure } from "../http/describe-transport-failure.js";
import type { HttpResponse, Transport } from "../http/transport.js";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry-policy.js";
import type { WorkloadCredential } from "./find-workload-credential.js";
import { withRetries, type Attempt } from "./with-retries.js";

/** What workload API calls need besides the credential. */
export interface WorkloadApiOptions {
  readonly transport: Transport;
  readonly retry?: RetryPolicy;
  /** The whole call's time limit, retries included; {@link DEFAULT_TIMEOUT_MS} when absent. */
  readonly timeoutMs?: number;
}

/**
 * POSTs JSON to a workload endpoint of the nsc server with `Authorization: Bearer nscw_…` and returns the
 * parsed answer. Network errors and HTTP 5xx are retried (see {@link withRetries}) while the call's
 * total timeout allows; a 4xx never is. Errors keep the server's code; an expired or unknown workload
 * token gets a message saying what to do.
 *
 * @example
 * const body = await postWorkload(credential, "/v1/id-token", { audience: "sts.amazonaws.com" }, { transport });
 * @throws NscError with the server's code, `server_unreachable` or `unexpected_response`.
 */
export async function postWorkload(
  credential: WorkloadCredential,
  path: string,
  body: unknown,
  options: WorkloadApiOptions,
): Promise<unknown> {
  const endpoint = credential.endpoint.replace(/\/+$/u, "");
  const policy = options.retry ?? DEFAULT_RETRY_POLICY;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadlineAt = (policy.now ?? Date.now)() + timeoutMs;
  const url = `${endpoint}${path}`;
  return withRetries(
    policy,
    async (_index, remainingMs): Promise<Attempt<unknown>> => {
      let response: HttpResponse;
      try {
        response = await options.transport({
          method: "POST",
          url,
          headers: {
            authorization: `Bearer ${credential.token}`,
            accept: "application/json",
            "content-type": "application/json",
          },
          body: JSON.stringify(body),
          timeoutMs: Math.max(1, Math.min(remainingMs, timeoutMs)),
        });
      } catch (error) {
        return {
          kind: "transient",
          error: new NscError(
            "server_unreachable",
            `cannot reach the nsc server at ${endpoint} (${describeTransportFailure(error)}; endpoint from ${credential.endpointSource}): check that it is running and reachable from this machine`,
          ),
        };
      }
      let parsed: unknown;
      try {
        parsed = response.body === "" ? undefined : JSON.parse(response.body);
      } catch {
        parsed = undefined;
      }
      if (response.status >= 200 && response.status <= 299) {
        if (parsed === undefined) {
          throw new NscError(
            "unexpected_response",
            `the server at ${endpoint} answered POST ${path} with a body that is not JSON: is the endpoint an nsc server?`,
          );
        }
        return { kind: "done", value: parsed };
      }
      const error = toWorkloadError(parsed, response.status, endpoint, credential);
      if (response.status >= 500) return { kind: "transient", error };
      throw error;
    },
    { what: `POST ${url}`, deadlineAt },
  );
}

function toWorkloadError(
  body: unknown,
  status: number,
  endpoint: string,
  credential: WorkloadCredential,
): NscError {
  const { code, message, field } = errorFields(body);
  if (code === undefined || message === undefined) {
    return new NscError(
      "unexpected_response",
      `the server at ${endpoint} answered HTTP ${status} without an nsc error body`,
    );
  }
  if (code === "workload_token_expired") {
    return new NscError(
      code,
      `workload token expired (read from ${credential.source}): its instance's lifetime is over; register a new instance and use its token`,
    );
  }
  if (code === "unauthenticated" || code === "token_expired") {
    return new NscError(
      code,
      `${message} — the workload token read from ${credential.source} was not accepted by ${endpoint}: it may be revoked, its instance destroyed, or the endpoint another server's`,
    );
  }
  return new NscError(code, message, field === undefined ? {} : { field });
}

function errorFields(body: unknown): {
  readonly code: ErrorCode | undefined;
  readonly message: string | undefined;
  readonly field: string | undefined;
} {
  if (typeof body === "object" && body !== null && "error" in body) {
    const { error } = body;
    if (typeof error === "object" && error !== null) {
      const { code, message, field } = error as Record<string, unknown>;
      return {
        code: isErrorCode(code) ? code : undefined,
        message: typeof message === "string" ? message : undefined,
        field: typeof field === "string" ? field : undefined,
      };
    }
  }
  return { code: undefined, message: undefined, field: undefined };
}

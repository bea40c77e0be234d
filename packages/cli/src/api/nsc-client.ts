import type * as z from "zod/mini";
import type { Wire } from "@nsc/core/api/wire.js";
import { isErrorCode } from "@nsc/core/errors/error-code.js";
import { NscError } from "@nsc/core/errors/nsc-error.js";
import { describeTransportFailure } from "../http/describe-transport-failure.js";
import { DEFAULT_TIMEOUT_MS } from "../http/network-settings.js";
import type { HttpRequest, HttpResponse, Transport } from "../http/transport.js";
import type { WorkloadCredential } from "../workload/find-workload-credential.js";
import type { RetryPolicy } from "../workload/retry-policy.js";
import { withRetries, type Attempt } from "../workload/with-retries.js";
import { parseResponse } from "./parse-response.js";

export type HttpMethod = HttpRequest["method"];

/**
 * Who makes the calls, which decides the Authorization header and what a failure tells the user to do:
 * - `api_token`: the saved login's token (`nsct_…`);
 * - `workload`: an instance's workload token (`nscw_…`) and the file it was read from;
 * - `anonymous`: no token at all (the token exchange, where the external token in the body is the
 *   credential); `endpointSource` says where the endpoint came from.
 */
export type Caller =
  | { readonly kind: "api_token"; readonly token: string }
  | { readonly kind: "workload"; readonly credential: WorkloadCredential }
  | { readonly kind: "anonymous"; readonly endpointSource: string };

export interface NscClientOptions {
  readonly transport: Transport;
  /**
   * Retry network errors and HTTP 5xx with this policy, within {@link timeoutMs} for the whole call;
   * absent, a call is tried once. Workload calls and the exchange are idempotent and retried; admin calls
   * are not, so that a write is never sent twice.
   */
  readonly retry?: RetryPolicy;
  /** The whole call's time limit, retries included, for retried calls; {@link DEFAULT_TIMEOUT_MS} when absent. */
  readonly timeoutMs?: number;
}

/**
 * The CLI's one client of the nsc API. Every answer is checked against core's schema of it (see
 * {@link parseResponse}); every failure becomes an {@link NscError}: the server's own code and message
 * when it answered, `server_unreachable` when it did not (with the reason: a timeout, a refused
 * connection, an untrusted certificate), `unexpected_response` when the answer is not the API's. A bearer
 * secret goes only into the Authorization header, never into a message.
 */
export class NscClient {
  readonly #endpoint: string;
  readonly #caller: Caller;
  readonly #options: NscClientOptions;

  constructor(endpoint: string, caller: Caller, options: NscClientOptions) {
    this.#endpoint = endpoint.replace(/\/+$/u, "");
    this.#caller = caller;
    this.#options = options;
  }

  get endpoint(): string {
    return this.#endpoint;
  }

  /**
   * Makes one call and returns its answer as `response` describes it.
   *
   * @example
   * const info = await client.call("GET", "/v1/workspace", workspaceInfoSchema);
   * @throws NscError the server's code, `server_unreachable` or `unexpected_response`.
   */
  async call<S extends z.ZodMiniType>(
    method: HttpMethod,
    path: string,
    response: S,
    body?: unknown,
  ): Promise<Wire<S>> {
    const value = await this.#send(method, path, body);
    return parseResponse(response, value, `${method} ${path}`);
  }

  async #send(method: HttpMethod, path: string, body: unknown): Promise<unknown> {
    const request: HttpRequest = {
      method,
      url: `${this.#endpoint}${path}`,
      headers: {
        ...(this.#caller.kind === "api_token" ? { authorization: `Bearer ${this.#caller.token}` } : {}),
        ...(this.#caller.kind === "workload"
          ? { authorization: `Bearer ${this.#caller.credential.token}` }
          : {}),
        accept: "application/json",
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    };
    const policy = this.#options.retry;
    if (policy === undefined) {
      const attempt = await this.#attempt(request, path, undefined);
      if (attempt.kind === "transient") throw attempt.error;
      return attempt.value;
    }
    const timeoutMs = this.#options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const deadlineAt = (policy.now ?? Date.now)() + timeoutMs;
    return withRetries(
      policy,
      (_index, remainingMs) => this.#attempt(request, path, Math.max(1, Math.min(remainingMs, timeoutMs))),
      { what: `${method} ${request.url}`, deadlineAt },
    );
  }

  async #attempt(
    request: HttpRequest,
    path: string,
    timeoutMs: number | undefined,
  ): Promise<Attempt<unknown>> {
    let response: HttpResponse;
    try {
      response = await this.#options.transport(timeoutMs === undefined ? request : { ...request, timeoutMs });
    } catch (error) {
      return { kind: "transient", error: this.#unreachable(describeTransportFailure(error)) };
    }
    let parsed: unknown;
    let json = true;
    try {
      parsed = response.body === "" ? undefined : JSON.parse(response.body);
    } catch {
      json = false;
    }
    const ok = response.status >= 200 && response.status <= 299;
    if (ok && json && (parsed !== undefined || this.#caller.kind === "api_token")) {
      return { kind: "done", value: parsed };
    }
    if (!json && this.#caller.kind === "api_token") {
      throw new NscError(
        "unexpected_response",
        `the server at ${this.#endpoint} answered ${request.method} ${path} with HTTP ${response.status} and a body that is not JSON: is the endpoint an nsc server?`,
      );
    }
    if (ok) {
      throw new NscError(
        "unexpected_response",
        `the server at ${this.#endpoint} answered ${request.method} ${path} with a body that is not JSON: is the endpoint an nsc server?`,
      );
    }
    const error = this.#errorOf(parsed, response.status);
    if (response.status >= 500) return { kind: "transient", error };
    throw error;
  }

  #unreachable(reason: string): NscError {
    const caller = this.#caller;
    const hint =
      caller.kind === "api_token"
        ? `${reason}): check that it is running and that the endpoint is right (nsc login --endpoint …)`
        : `${reason}; endpoint from ${caller.kind === "workload" ? caller.credential.endpointSource : caller.endpointSource}): check that it is running and reachable from this machine`;
    return new NscError("server_unreachable", `cannot reach the nsc server at ${this.#endpoint} (${hint}`);
  }

  /** The server's error body as an {@link NscError}, with what to do next for a credential it refused. */
  #errorOf(body: unknown, status: number): NscError {
    const fields = errorFields(body);
    if (fields === undefined) {
      return new NscError(
        "unexpected_response",
        `the server at ${this.#endpoint} answered HTTP ${status} without an nsc error body`,
      );
    }
    const { code, message, field } = fields;
    const caller = this.#caller;
    if (caller.kind === "api_token" && code === "unauthenticated") {
      return new NscError(
        code,
        `${message} (log in again with \`nsc login\`)`,
        field === undefined ? {} : { field },
      );
    }
    if (caller.kind === "workload") {
      const { source } = caller.credential;
      if (code === "workload_token_expired") {
        return new NscError(
          code,
          `workload token expired (read from ${source}): its instance's lifetime is over; register a new instance and use its token`,
        );
      }
      if (code === "unauthenticated" || code === "token_expired") {
        return new NscError(
          code,
          `${message} — the workload token read from ${source} was not accepted by ${this.#endpoint}: it may be revoked, its instance destroyed, or the endpoint another server's`,
        );
      }
    }
    return new NscError(code, message, field === undefined ? {} : { field });
  }
}

/** The code, message and field of an nsc error body, or undefined when `body` is not one. */
function errorFields(
  body: unknown,
): { readonly code: NscError["code"]; readonly message: string; readonly field?: string } | undefined {
  if (typeof body !== "object" || body === null || !("error" in body)) return undefined;
  const { error } = body;
  if (typeof error !== "object" || error === null) return undefined;
  const code: unknown = "code" in error ? error.code : undefined;
  const message: unknown = "message" in error ? error.message : undefined;
  const field: unknown = "field" in error ? error.field : undefined;
  if (!isErrorCode(code) || typeof message !== "string") return undefined;
  return typeof field === "string" ? { code, message, field } : { code, message };
}

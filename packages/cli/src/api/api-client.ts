import { NscError } from "@nsc/core/errors/nsc-error.js";
import { isErrorCode } from "@nsc/core/errors/error-code.js";
import { describeTransportFailure } from "../http/describe-transport-failure.js";
import type { HttpResponse, Transport } from "../http/transport.js";
export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

/**
 * A thin client for the nsc API. Every failure becomes an {@link NscError}: the server's own code and
 * message when it answered, `server_unreachable` when it did not (with the reason: a timeout, a refused
 * connection, an untrusted certificate). The bearer secret goes only into the Authorization header, never
 * into a message.
 */
export class ApiClient {
  readonly #endpoint: string;
  readonly #token: string;
  readonly #transport: Transport;

  constructor(endpoint: string, token: string, transport: Transport) {
    this.#endpoint = endpoint.replace(/\/+$/u, "");
    this.#token = token;
    this.#transport = transport;
  }

  get endpoint(): string {
    return this.#endpoint;
  }

  async request(method: HttpMethod, path: string, body?: unknown): Promise<unknown> {
    let response: HttpResponse;
    try {
      response = await this.#transport({
        method,
        url: `${this.#endpoint}${path}`,
        headers: {
          authorization: `Bearer ${this.#token}`,
          accept: "application/json",
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw new NscError(
        "server_unreachable",
        `cannot reach the nsc server at ${this.#endpoint} (${describeTransportFailure(error)}): check that it is running and that the endpoint is right (nsc login --endpoint …)`,
      );
    }
    let parsed: unknown;
    try {
      parsed = response.body === "" ? undefined : JSON.parse(response.body);
    } catch {
      throw new NscError(
        "unexpected_response",
        `the server at ${this.#endpoint} answered ${method} ${path} with HTTP ${response.status} and a body that is not JSON: is the endpoint an nsc server?`,
      );
    }
    if (response.status >= 200 && response.status <= 299) return parsed;
    throw toError(parsed, response.status, this.#endpoint);
  }
}

function toError(body: unknown, status: number, endpoint: string): NscError {
  if (typeof body === "object" && body !== null && "error" in body) {
    const { error } = body;
    if (typeof error === "object" && error !== null) {
      const { code, message, field } = error as Record<string, unknown>;
      if (isErrorCode(code) && typeof message === "string") {
        const hint = code === "unauthenticated" ? " (log in again with `nsc login`)" : "";
        return new NscError(code, `${message}${hint}`, typeof field === "string" ? { field } : {});
      }
    }
  }
  return new NscError(
    "unexpected_response",
    `the server at ${endpoint} answered HTTP ${status} without an nsc error body`,
  );
}

import { NscError, isErrorCode } from "@nsc/core";
import { REQUEST_TIMEOUT_MS, describeFetchFailure } from "./describe-fetch-failure.js";
export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

/**
 * A thin client for the nsc API. Every failure becomes an {@link NscError}: the server's own code and
 * message when it answered, `server_unreachable` when it did not. The bearer secret goes only into the
 * Authorization header, never into a message.
 */
export class ApiClient {
  readonly #endpoint: string;
  readonly #token: string;
  readonly #fetch: typeof fetch;

  constructor(endpoint: string, token: string, fetchImpl: typeof fetch = fetch) {
    this.#endpoint = endpoint.replace(/\/+$/u, "");
    this.#token = token;
    this.#fetch = fetchImpl;
  }

  get endpoint(): string {
    return this.#endpoint;
  }

  async request(method: HttpMethod, path: string, body?: unknown): Promise<unknown> {
    const url = `${this.#endpoint}${path}`;
    let response: Response;
    try {
      response = await this.#fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${this.#token}`,
          accept: "application/json",
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new NscError(
        "server_unreachable",
        `cannot reach the nsc server at ${this.#endpoint} (${describeFetchFailure(error)}): check that it is running and that the endpoint is right (nsc login --endpoint …)`,
      );
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text === "" ? undefined : JSON.parse(text);
    } catch {
      throw new NscError(
        "unexpected_response",
        `the server at ${this.#endpoint} answered ${method} ${path} with HTTP ${response.status} and a body that is not JSON: is the endpoint an nsc server?`,
      );
    }
    if (response.ok) return parsed;
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

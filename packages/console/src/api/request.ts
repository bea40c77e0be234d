import { errorBodySchema } from "@nsc/core/browser";
import { ApiError } from "./api-error.js";

/** One API call: method, path (with query), optional JSON body. */
export interface RequestOptions {
  readonly method?: "GET" | "PUT" | "POST" | "DELETE";
  readonly body?: unknown;
}

/**
 * Calls nsc-server on the console's own origin with a Bearer token and returns the parsed JSON body.
 * Error answers become an {@link ApiError} carrying the server's code and message.
 */
export async function request(token: string, path: string, options: RequestOptions = {}): Promise<unknown> {
  const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: "application/json" };
  const init: RequestInit = { method: options.method ?? "GET", headers, cache: "no-store" };
  if (options.body !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(
      0,
      "server_unreachable",
      "Could not reach nsc-server. Check that it is running, then try again.",
    );
  }
  const body = await readBody(response);
  if (response.ok) return body;
  throw toApiError(response.status, body);
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === "") return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** The server's error body (core's schema, so only its closed codes) as an {@link ApiError}. */
function toApiError(status: number, body: unknown): ApiError {
  const parsed = errorBodySchema.safeParse(body);
  if (parsed.success) {
    const { code, message, field } = parsed.data.error;
    return new ApiError(status, code, message, field);
  }
  return new ApiError(status, "unexpected_response", `nsc-server answered with HTTP ${status}`);
}

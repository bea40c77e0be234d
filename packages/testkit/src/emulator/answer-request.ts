import type { IncomingMessage, ServerResponse } from "node:http";
import { readBody } from "./read-body.js";
import { sendJson } from "./send-json.js";
import { ApiError } from "./api-error.js";
import type { EmulatorContext } from "./emulator-context.js";
import { redactBody, redactHeaders } from "./redact.js";
import type { RouteResponse } from "./route-request.js";
import { ROUTES } from "./routes.js";

/**
 * Answers one HTTP request: routes it, applies a pending injected fault, maps {@link ApiError} to
 * `{"message": …}`, and appends the exchange to the request log.
 */
export async function answerRequest(
  request: IncomingMessage,
  response: ServerResponse,
  context: EmulatorContext,
): Promise<void> {
  const rawPath = request.url ?? "/";
  const method = request.method ?? "GET";
  let body = "";
  let result: RouteResponse;
  try {
    body = await readBody(request);
    result = await route(method, rawPath, request, body, context);
  } catch (error) {
    if (error instanceof ApiError) {
      result = { status: error.status, body: { message: error.message } };
    } else {
      context.log(
        `internal error on ${method} ${rawPath}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      result = { status: 500, body: { message: "internal error" } };
    }
  }
  context.state.addRequest({
    at: new Date(context.clock.now()).toISOString(),
    method,
    path: rawPath,
    headers: redactHeaders(request.headers),
    body: redactBody(body),
    status: result.status,
  });
  if (result.text === undefined) {
    sendJson(response, result.status, result.body);
  } else {
    response.writeHead(result.status, {
      "content-type": "text/html; charset=utf-8",
      "content-length": Buffer.byteLength(result.text),
    });
    response.end(result.text);
  }
}

async function route(
  method: string,
  rawPath: string,
  request: IncomingMessage,
  body: string,
  context: EmulatorContext,
): Promise<RouteResponse> {
  const pathname = rawPath.split("?", 1)[0] ?? "";
  const matching = ROUTES.filter((candidate) => candidate.pattern.test(pathname));
  const found = matching.find((candidate) => candidate.method === method);
  if (found === undefined) {
    throw matching.length > 0 ? new ApiError(405, "method not allowed") : new ApiError(404, "not found");
  }
  if (found.faultTarget !== undefined) {
    const fault = context.state.takeFault(found.faultTarget);
    if (fault !== undefined) {
      return {
        status: fault.status,
        body: { message: fault.message },
        ...(fault.rawBody === undefined ? {} : { text: fault.rawBody }),
      };
    }
  }
  const params = { ...(found.pattern.exec(pathname)?.groups ?? {}) };
  return found.handle({ method, pathname, headers: request.headers, body, params }, context);
}

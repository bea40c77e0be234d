import { ApiError } from "../emulator/api-error.js";
import type { EmulatorContext } from "../emulator/emulator-context.js";
import type { RouteRequest, RouteResponse } from "../emulator/route-request.js";
import type { RejectionKind } from "./rejection.js";
import { verifyIdToken } from "./verify-id-token.js";

const UNAUTHORIZED: RouteResponse = { status: 403, body: { message: "Unauthorized" } };

/**
 * `POST /api/v2/oauth/token-exchange`: form body `client_id` and `jwt`, optionally `code=` (empty) and
 * `grant_type=authorization_code`. An `Authorization: Basic Og==` header (empty id and secret) is accepted
 * and ignored, as is its absence. Every refusal answers 403 `{"message":"Unauthorized"}` and records the real reason in the state.
 */
export async function handleTokenExchange(
  request: RouteRequest,
  context: EmulatorContext,
): Promise<RouteResponse> {
  const contentType = (request.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
  if (contentType !== "application/x-www-form-urlencoded") {
    throw new ApiError(400, "request must be application/x-www-form-urlencoded");
  }
  const form = new URLSearchParams(request.body);
  // Tailscale's own Go client (tailscale-client-go-v2) sends neither grant_type nor code, so the endpoint
  // cannot require them; the CLI sends grant_type=authorization_code and an empty code. Other values are
  // refused (the strict reading: no client sends them).
  const grantType = form.get("grant_type");
  if (grantType !== null && grantType !== "authorization_code") {
    throw new ApiError(400, "unsupported grant_type");
  }
  const code = form.get("code");
  if (code !== null && code !== "") throw new ApiError(400, "code must be empty");
  const clientId = form.get("client_id") ?? "";
  const jwt = form.get("jwt") ?? "";
  if (clientId === "" || jwt === "") throw new ApiError(400, "client_id and jwt are required");

  const refuse = (reason: RejectionKind, detail: string): RouteResponse => {
    context.state.addRejection({
      at: new Date(context.clock.now()).toISOString(),
      clientId,
      kind: reason,
      detail,
    });
    context.log(`token exchange refused for client_id ${JSON.stringify(clientId)}: ${reason}: ${detail}`);
    return UNAUTHORIZED;
  };
  const credential = context.state.credential(clientId);
  if (credential === undefined)
    return refuse("unknown_client_id", `no trust credential ${JSON.stringify(clientId)}`);
  const verdict = await verifyIdToken(jwt, {
    credential,
    keys: context.keys,
    clock: context.clock,
    leewaySeconds: context.leewaySeconds,
    maxLifetimeSeconds: context.maxTokenLifetimeSeconds,
  });
  if (verdict.kind === "rejected") return refuse(verdict.reason, verdict.detail);

  const token = `tskey-api-${context.randomHex(6)}CNTRL-${context.randomHex(16)}`;
  context.state.addAccessToken({
    token,
    clientId,
    scopes: credential.scopes,
    expiresAt: context.clock.now() + context.accessTokenTtlSeconds * 1000,
  });
  return {
    status: 200,
    body: {
      access_token: token,
      token_type: "Bearer",
      expires_in: context.accessTokenTtlSeconds,
      scope: credential.scopes.join(" "),
    },
  };
}

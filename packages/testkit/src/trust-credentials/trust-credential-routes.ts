import { mintAuthKey } from "../auth-keys/mint-auth-key.js";
import { parseKeyCapabilities } from "../auth-keys/parse-key-capabilities.js";
import { authKeyJson } from "../auth-keys/auth-key-json.js";
import { ApiError } from "../emulator/api-error.js";
import type { EmulatorContext } from "../emulator/emulator-context.js";
import { requireAdmin, requireTailnet } from "../emulator/require-admin.js";
import type { RouteRequest, RouteResponse } from "../emulator/route-request.js";
import { isRecord } from "../json/is-record.js";
import { parseJsonBody } from "../emulator/parse-json-body.js";
import { parseTrustCredentialRequest } from "./parse-trust-credential-request.js";
import { trustCredentialJson } from "./trust-credential.js";

/**
 * `POST /api/v2/tailnet/{tailnet}/keys` with the admin key: `keyType: "federated"` creates a trust
 * credential; anything else creates an auth key (any valid tags).
 */
export function handleAdminCreateKey(request: RouteRequest, context: EmulatorContext): RouteResponse {
  requireAdmin(request.headers, context);
  requireTailnet(request.params.tailnet, context);
  const body = parseJsonBody(request.body);
  if (isRecord(body) && body.keyType === "federated") {
    const credential = parseTrustCredentialRequest(body, {
      clientId: `T${context.randomHex(6)}CNTRL`,
      created: new Date(context.clock.now()).toISOString(),
      allowInsecureLoopbackIssuer: context.allowInsecureLoopbackIssuer,
    });
    context.state.addCredential(credential);
    return { status: 200, body: trustCredentialJson(credential) };
  }
  return mintAuthKey(parseKeyCapabilities(body), "", context);
}

/** `GET /api/v2/tailnet/{tailnet}/keys`: trust credentials and auth keys. */
export function handleListKeys(request: RouteRequest, context: EmulatorContext): RouteResponse {
  requireAdmin(request.headers, context);
  requireTailnet(request.params.tailnet, context);
  return {
    status: 200,
    body: {
      keys: [
        ...context.state.credentials().map(trustCredentialJson),
        ...context.state.authKeys().map((key) => authKeyJson(key, { includeSecret: false })),
      ],
    },
  };
}

/** `GET /api/v2/tailnet/{tailnet}/keys/{id}`. */
export function handleGetKey(request: RouteRequest, context: EmulatorContext): RouteResponse {
  requireAdmin(request.headers, context);
  requireTailnet(request.params.tailnet, context);
  const id = request.params.id ?? "";
  const credential = context.state.credential(id);
  if (credential !== undefined) return { status: 200, body: trustCredentialJson(credential) };
  const key = context.state.authKeys().find((candidate) => candidate.id === id);
  if (key !== undefined) return { status: 200, body: authKeyJson(key, { includeSecret: false }) };
  throw new ApiError(404, "key not found");
}

/** `DELETE /api/v2/tailnet/{tailnet}/keys/{id}`: removes a trust credential. */
export function handleDeleteKey(request: RouteRequest, context: EmulatorContext): RouteResponse {
  requireAdmin(request.headers, context);
  requireTailnet(request.params.tailnet, context);
  if (!context.state.deleteCredential(request.params.id ?? "")) throw new ApiError(404, "key not found");
  return { status: 200, body: {} };
}

import { ApiError } from "../emulator/api-error.js";
import type { EmulatorContext } from "../emulator/emulator-context.js";
import { presentedApiToken, requireTailnet } from "../emulator/require-admin.js";
import type { RouteRequest, RouteResponse } from "../emulator/route-request.js";
import { parseJsonBody } from "../emulator/parse-json-body.js";
import { mintAuthKey } from "./mint-auth-key.js";
import { parseKeyCapabilities } from "./parse-key-capabilities.js";
import { refusedTags } from "./tag-permission.js";

/**
 * `POST /api/v2/tailnet/-/keys` with an exchanged access token (Basic `<token>:` or Bearer). The token needs
 * the `auth_keys` scope, and the requested tags must be permitted by the trust credential under the
 * emulator's tag-permission reading (`subset` or `all-or-owned`).
 */
export function handleCreateAuthKey(request: RouteRequest, context: EmulatorContext): RouteResponse {
  const presented = presentedApiToken(request.headers);
  const token = presented === undefined ? undefined : context.state.accessToken(presented);
  if (token === undefined) throw new ApiError(401, "API token invalid");
  if (context.clock.now() >= token.expiresAt) throw new ApiError(401, "API token expired");
  requireTailnet(request.params.tailnet, context);
  if (!token.scopes.some((scope) => scope === "auth_keys" || scope === "all")) {
    throw new ApiError(403, "calling actor does not have enough permissions to perform this function");
  }
  const capabilities = parseKeyCapabilities(parseJsonBody(request.body));
  if (capabilities.tags.length === 0) {
    throw new ApiError(400, "auth keys created with a federated identity must have tags");
  }
  const allowed = context.state.credential(token.clientId)?.tags ?? [];
  const refused = refusedTags(context.tagPermission, capabilities.tags, allowed, context.tagOwners);
  if (refused.length > 0) {
    throw new ApiError(400, `requested tags [${refused.join(" ")}] are invalid or not permitted`);
  }
  return mintAuthKey(capabilities, token.clientId, context);
}

import { handleCreateAuthKey } from "../auth-keys/handle-create-auth-key.js";
import { handleAuthorizeDevice, handleDeleteDevice, handleListDevices } from "../devices/device-routes.js";
import { handleRegister } from "../devices/handle-register.js";
import { handleLogout, handleNodeStatus } from "../devices/node-routes.js";
import { REGISTRATION_PATHS } from "../devices/registration-protocol.js";
import { handleTokenExchange } from "../token-exchange/handle-token-exchange.js";
import {
  handleAdminCreateKey,
  handleDeleteKey,
  handleGetKey,
  handleListKeys,
} from "../trust-credentials/trust-credential-routes.js";
import type { EmulatorContext } from "./emulator-context.js";
import type { FaultTarget } from "./fault.js";
import { presentedApiToken } from "./require-admin.js";
import type { RouteRequest, RouteResponse } from "./route-request.js";

/** One entry of the emulator's routing table. */
export interface Route {
  readonly method: string;
  /** Matched against the whole path; named groups become {@link RouteRequest.params}. */
  readonly pattern: RegExp;
  /** Which injected faults apply here, if any. */
  readonly faultTarget: Exclude<FaultTarget, "any"> | undefined;
  readonly handle: (
    request: RouteRequest,
    context: EmulatorContext,
  ) => RouteResponse | Promise<RouteResponse>;
}

function exact(path: string): RegExp {
  return new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
}

/** The emulator's routing table. Paths are matched as received: `//api/v2/…` matches nothing. */
export const ROUTES: readonly Route[] = [
  {
    method: "POST",
    pattern: exact("/api/v2/oauth/token-exchange"),
    faultTarget: "token-exchange",
    handle: handleTokenExchange,
  },
  {
    method: "POST",
    pattern: /^\/api\/v2\/tailnet\/(?<tailnet>[^/]+)\/keys$/,
    faultTarget: "auth-keys",
    handle: (request, context) =>
      presentedApiToken(request.headers) === context.adminApiKey
        ? handleAdminCreateKey(request, context)
        : handleCreateAuthKey(request, context),
  },
  {
    method: "GET",
    pattern: /^\/api\/v2\/tailnet\/(?<tailnet>[^/]+)\/keys$/,
    faultTarget: undefined,
    handle: handleListKeys,
  },
  {
    method: "GET",
    pattern: /^\/api\/v2\/tailnet\/(?<tailnet>[^/]+)\/keys\/(?<id>[^/]+)$/,
    faultTarget: undefined,
    handle: handleGetKey,
  },
  {
    method: "DELETE",
    pattern: /^\/api\/v2\/tailnet\/(?<tailnet>[^/]+)\/keys\/(?<id>[^/]+)$/,
    faultTarget: undefined,
    handle: handleDeleteKey,
  },
  {
    method: "GET",
    pattern: /^\/api\/v2\/tailnet\/(?<tailnet>[^/]+)\/devices$/,
    faultTarget: undefined,
    handle: handleListDevices,
  },
  {
    method: "DELETE",
    pattern: /^\/api\/v2\/device\/(?<id>[^/]+)$/,
    faultTarget: undefined,
    handle: handleDeleteDevice,
  },
  {
    method: "POST",
    pattern: /^\/api\/v2\/device\/(?<id>[^/]+)\/authorized$/,
    faultTarget: undefined,
    handle: handleAuthorizeDevice,
  },
  {
    method: "POST",
    pattern: exact(REGISTRATION_PATHS.register),
    faultTarget: "register",
    handle: handleRegister,
  },
  {
    method: "POST",
    pattern: exact(REGISTRATION_PATHS.nodeStatus),
    faultTarget: undefined,
    handle: handleNodeStatus,
  },
  { method: "POST", pattern: exact(REGISTRATION_PATHS.logout), faultTarget: undefined, handle: handleLogout },
];

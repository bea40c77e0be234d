import { ApiError } from "../emulator/api-error.js";
import type { EmulatorContext } from "../emulator/emulator-context.js";
import { requireAdmin, requireTailnet } from "../emulator/require-admin.js";
import type { RouteRequest, RouteResponse } from "../emulator/route-request.js";
import { parseJsonBody } from "../emulator/parse-json-body.js";
import { isRecord } from "../json/is-record.js";
import { deviceJson } from "./device-json.js";

/** `GET /api/v2/tailnet/{tailnet}/devices` with the admin key: `{devices:[…]}`. */
export function handleListDevices(request: RouteRequest, context: EmulatorContext): RouteResponse {
  requireAdmin(request.headers, context);
  requireTailnet(request.params.tailnet, context);
  return { status: 200, body: { devices: context.state.devices().map(deviceJson) } };
}

/** `DELETE /api/v2/device/{id}` with the admin key. */
export function handleDeleteDevice(request: RouteRequest, context: EmulatorContext): RouteResponse {
  requireAdmin(request.headers, context);
  if (!context.state.removeDevice(request.params.id ?? "")) throw new ApiError(404, "device not found");
  return { status: 200, body: {} };
}

/** `POST /api/v2/device/{id}/authorized` with the admin key and `{"authorized": boolean}`. */
export function handleAuthorizeDevice(request: RouteRequest, context: EmulatorContext): RouteResponse {
  requireAdmin(request.headers, context);
  const device = context.state.device(request.params.id ?? "");
  if (device === undefined) throw new ApiError(404, "device not found");
  const body = parseJsonBody(request.body);
  if (!isRecord(body) || typeof body.authorized !== "boolean")
    throw new ApiError(400, "authorized must be a boolean");
  device.authorized = body.authorized;
  return { status: 200, body: {} };
}

import { ApiError } from "../emulator/api-error.js";
import type { EmulatorContext } from "../emulator/emulator-context.js";
import type { RouteRequest, RouteResponse } from "../emulator/route-request.js";
import { parseJsonBody } from "../emulator/parse-json-body.js";
import { isRecord } from "../json/is-record.js";
import type { Device } from "./device.js";
import type { NodeStatusResponse } from "./registration-protocol.js";

function identifiedDevice(request: RouteRequest, context: EmulatorContext): Device | undefined {
  const body = parseJsonBody(request.body);
  if (!isRecord(body) || typeof body.nodeId !== "string" || typeof body.nodeSecret !== "string") {
    throw new ApiError(400, "nodeId and nodeSecret are required");
  }
  const device = context.state.deviceByNodeId(body.nodeId);
  if (device !== undefined && device.nodeSecret !== body.nodeSecret)
    throw new ApiError(401, "node key mismatch");
  return device;
}

/** `POST /testkit/node-status`: whether the node still exists and is authorised. */
export function handleNodeStatus(request: RouteRequest, context: EmulatorContext): RouteResponse {
  const device = identifiedDevice(request, context);
  if (device !== undefined) device.lastSeenAt = context.clock.now();
  const body: NodeStatusResponse = { exists: device !== undefined, authorized: device?.authorized ?? false };
  return { status: 200, body };
}

/** `POST /testkit/logout`: an ephemeral device is removed at once; any other goes offline and stays. */
export function handleLogout(request: RouteRequest, context: EmulatorContext): RouteResponse {
  const device = identifiedDevice(request, context);
  if (device === undefined) return { status: 200, body: { removed: false } };
  if (device.ephemeral) {
    context.state.removeDevice(device.id);
    context.log(`logged out and removed ephemeral ${device.name}`);
    return { status: 200, body: { removed: true } };
  }
  device.online = false;
  device.lastSeenAt = context.clock.now();
  context.log(`logged out ${device.name}; it stays, offline`);
  return { status: 200, body: { removed: false } };
}

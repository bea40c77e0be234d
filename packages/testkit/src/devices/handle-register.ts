import { ApiError } from "../emulator/api-error.js";
import type { EmulatorContext } from "../emulator/emulator-context.js";
import type { RouteRequest, RouteResponse } from "../emulator/route-request.js";
import { parseJsonBody } from "../emulator/parse-json-body.js";
import { isRecord } from "../json/is-record.js";
import type { Device } from "./device.js";
import type { RegisterRefusal, RegisterResponse } from "./registration-protocol.js";

/**
 * `POST /testkit/register`: joins a node with an auth key. The key must exist, be unexpired and (unless
 * reusable) unused; the node's advertised tags must be among the key's tags. The device gets the key's tags,
 * ephemerality and authorisation. Refusals of the key come inside a 200 answer (`{"error": …}`), as the
 * control protocol carries them. A node that logs in again (`previous`) replaces its old device.
 */
export function handleRegister(request: RouteRequest, context: EmulatorContext): RouteResponse {
  const body = parseJsonBody(request.body);
  if (!isRecord(body)) throw new ApiError(400, "request body must be a JSON object");
  const { authKey, hostname, acceptDns, advertiseTags, clientVersion, os, previous } = body;
  if (
    typeof authKey !== "string" ||
    typeof hostname !== "string" ||
    typeof acceptDns !== "boolean" ||
    typeof clientVersion !== "string" ||
    typeof os !== "string" ||
    !Array.isArray(advertiseTags) ||
    !advertiseTags.every((tag): tag is string => typeof tag === "string")
  ) {
    throw new ApiError(400, "authKey, hostname, acceptDns, advertiseTags, clientVersion and os are required");
  }
  const key = context.state.authKey(authKey);
  const now = context.clock.now();
  const refuse = (error: string): RouteResponse => ({
    status: 200,
    body: { error } satisfies RegisterRefusal,
  });
  if (key === undefined) return refuse("invalid key: unable to validate API key");
  if (now >= key.expiresAt || (!key.reusable && key.usedBy !== undefined)) {
    return refuse(`invalid key: API key ${key.id} not valid`);
  }
  const refused = advertiseTags.filter((tag) => !key.tags.includes(tag));
  if (refused.length > 0) return refuse(`requested tags [${refused.join(" ")}] are invalid or not permitted`);
  if (isRecord(previous) && typeof previous.nodeId === "string") {
    const old = context.state.deviceByNodeId(previous.nodeId);
    if (old !== undefined && old.nodeSecret === previous.nodeSecret) context.state.removeDevice(old.id);
  }

  const { number, address } = context.state.allocateDevice();
  const baseName = (hostname === "" ? "localhost" : hostname).toLowerCase();
  const taken = new Set(context.state.devices().map((device) => device.name));
  let name = `${baseName}.${context.magicDnsSuffix}`;
  for (let suffix = 1; taken.has(name); suffix++) name = `${baseName}-${suffix}.${context.magicDnsSuffix}`;
  const device: Device = {
    id: String(1_000_000_000 + number),
    nodeId: `n${context.randomHex(6)}CNTRL`,
    nodeSecret: context.randomHex(16),
    hostname,
    name,
    tags: key.tags,
    ephemeral: key.ephemeral,
    authorized: key.preauthorized,
    online: true,
    address,
    clientVersion,
    os,
    acceptDns,
    advertisedTags: advertiseTags,
    authKeyId: key.id,
    credentialClientId: key.clientId,
    createdAt: now,
    lastSeenAt: now,
  };
  key.usedBy = device.id;
  context.state.addDevice(device);
  context.log(
    `registered ${device.name} (${device.nodeId}) tags=${device.tags.join(",")} ephemeral=${device.ephemeral}`,
  );
  const response: RegisterResponse = {
    id: device.id,
    nodeId: device.nodeId,
    nodeSecret: device.nodeSecret,
    name: device.name,
    address,
    tags: device.tags,
    ephemeral: device.ephemeral,
    authorized: device.authorized,
    magicDnsSuffix: context.magicDnsSuffix,
  };
  return { status: 200, body: response };
}

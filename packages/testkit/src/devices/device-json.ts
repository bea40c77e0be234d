import type { Device } from "./device.js";

function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * The API's JSON view of a device (the fields of `GET /api/v2/tailnet/-/devices` that matter here), plus a
 * `testkit` object with what only the emulator knows (accept-dns, advertised tags, the key used).
 */
export function deviceJson(device: Device): Record<string, unknown> {
  return {
    id: device.id,
    nodeId: device.nodeId,
    hostname: device.hostname,
    name: device.name,
    user: device.tags.length > 0 ? "tagged-devices" : "",
    tags: device.tags,
    ephemeral: device.ephemeral,
    authorized: device.authorized,
    addresses: [device.address],
    clientVersion: device.clientVersion,
    os: device.os,
    created: rfc3339(device.createdAt),
    lastSeen: rfc3339(device.lastSeenAt),
    connectedToControl: device.online,
    keyExpiryDisabled: device.tags.length > 0,
    isExternal: false,
    testkit: {
      acceptDns: device.acceptDns,
      advertisedTags: device.advertisedTags,
      online: device.online,
      authKeyId: device.authKeyId,
      credentialClientId: device.credentialClientId,
    },
  };
}

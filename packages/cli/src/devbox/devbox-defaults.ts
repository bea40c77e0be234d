import type { ApiClient } from "../api/api-client.js";
import { ResponseFields } from "../instances/response-fields.js";

/** The workspace's default Tailscale spec for new devboxes; `locked` overrides a devbox file's own. */
export interface DevboxDefaults {
  readonly tailscale_spec: string | null;
  readonly locked: boolean;
}

function parseDefaults(value: unknown): DevboxDefaults {
  const fields = new ResponseFields(value, "devbox defaults");
  return { tailscale_spec: fields.nullableString("tailscale_spec"), locked: fields.boolean("locked") };
}

/** `GET /v1/devbox/defaults`. */
export async function fetchDevboxDefaults(client: ApiClient): Promise<DevboxDefaults> {
  return parseDefaults(await client.request("GET", "/v1/devbox/defaults"));
}

/** `PUT /v1/devbox/defaults` (admin only). */
export async function putDevboxDefaults(
  client: ApiClient,
  defaults: DevboxDefaults,
): Promise<DevboxDefaults> {
  return parseDefaults(await client.request("PUT", "/v1/devbox/defaults", defaults));
}

/** The plain text of the defaults. */
export function formatDevboxDefaults(defaults: DevboxDefaults): string {
  const spec = defaults.tailscale_spec ?? "none";
  const lock = defaults.locked
    ? "locked: it overrides the spec a devbox file names"
    : "not locked: a devbox file's own spec wins";
  return `Default Tailscale spec for new devboxes: ${spec} (${lock})\n`;
}

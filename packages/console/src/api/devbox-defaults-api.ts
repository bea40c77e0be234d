import * as z from "zod/mini";
import { parseResponse } from "./parse-response.js";
import { request } from "./request.js";

/** The workspace's devbox defaults: the Tailscale spec every new devbox gets, and whether it is enforced. */
export interface DevboxDefaults {
  readonly tailscale_spec: string | null;
  readonly locked: boolean;
}

const devboxDefaultsSchema = z.object({ tailscale_spec: z.nullable(z.string()), locked: z.boolean() });

/** `GET /v1/devbox/defaults`. */
export async function getDevboxDefaults(token: string): Promise<DevboxDefaults> {
  return parseResponse(devboxDefaultsSchema, await request(token, "/v1/devbox/defaults"), "devbox defaults");
}

/** `PUT /v1/devbox/defaults`; 400 `spec_not_found` when the spec does not exist. */
export async function putDevboxDefaults(token: string, defaults: DevboxDefaults): Promise<DevboxDefaults> {
  const body = await request(token, "/v1/devbox/defaults", { method: "PUT", body: defaults });
  return parseResponse(devboxDefaultsSchema, body, "devbox defaults");
}

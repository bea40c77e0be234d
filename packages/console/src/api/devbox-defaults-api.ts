import { devboxDefaultsResponseSchema, type DevboxDefaults } from "@nsc/core/browser";
import { parseResponse } from "./parse-response.js";
import { request } from "./request.js";

export type { DevboxDefaults };

/** `GET /v1/devbox/defaults`. */
export async function getDevboxDefaults(token: string): Promise<DevboxDefaults> {
  return parseResponse(
    devboxDefaultsResponseSchema,
    await request(token, "/v1/devbox/defaults"),
    "devbox defaults",
  );
}

/** `PUT /v1/devbox/defaults`; 400 `spec_not_found` when the spec does not exist. */
export async function putDevboxDefaults(token: string, defaults: DevboxDefaults): Promise<DevboxDefaults> {
  const body = await request(token, "/v1/devbox/defaults", { method: "PUT", body: defaults });
  return parseResponse(devboxDefaultsResponseSchema, body, "devbox defaults");
}

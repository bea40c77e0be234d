import type { ApiClient } from "../api/api-client.js";
import { parseInstance, type Instance } from "./instance.js";
import { ResponseFields } from "./response-fields.js";

/** Body of `POST /v1/instances`, one shape per kind. */
export type CreateInstanceRequest =
  | { readonly kind: "generic"; readonly tailscale_spec?: string; readonly ttl_secs?: number }
  | { readonly kind: "runner"; readonly labels: readonly string[]; readonly ttl_secs?: number }
  | {
      readonly kind: "devbox";
      readonly devbox_file: { readonly name: string; readonly content: string };
      readonly ttl_secs?: number;
    };

/** Answer of `POST /v1/instances`: the instance and its workload token, shown this once. */
export interface CreatedInstance {
  readonly instance: Instance;
  readonly workload_token: string;
}

/** `POST /v1/instances`. */
export async function createInstance(
  client: ApiClient,
  request: CreateInstanceRequest,
): Promise<CreatedInstance> {
  const fields = new ResponseFields(await client.request("POST", "/v1/instances", request), "answer");
  return { instance: parseInstance(fields.raw("instance")), workload_token: fields.string("workload_token") };
}

/** `GET /v1/instances`. */
export async function listInstances(client: ApiClient): Promise<readonly Instance[]> {
  const fields = new ResponseFields(await client.request("GET", "/v1/instances"), "answer");
  const list = fields.raw("instances");
  return Array.isArray(list) ? list.map(parseInstance) : [];
}

/** `GET /v1/instances/{id}`. */
export async function getInstance(client: ApiClient, id: string): Promise<Instance> {
  const path = `/v1/instances/${encodeURIComponent(id)}`;
  return parseInstance(new ResponseFields(await client.request("GET", path), "answer").raw("instance"));
}

/** `DELETE /v1/instances/{id}`: destroys it and revokes its workload token. */
export async function destroyInstance(client: ApiClient, id: string): Promise<Instance> {
  const path = `/v1/instances/${encodeURIComponent(id)}`;
  return parseInstance(new ResponseFields(await client.request("DELETE", path), "answer").raw("instance"));
}

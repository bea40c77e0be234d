import { instanceListSchema, type InstanceInfo } from "@nsc/core/browser";
import { parseResponse } from "./parse-response.js";
import { request } from "./request.js";

/** A registered runner, devbox or generic workload as `GET /v1/instances` lists it. */
export type Instance = InstanceInfo;

/** `GET /v1/instances`. */
export async function listInstances(token: string): Promise<readonly Instance[]> {
  return parseResponse(instanceListSchema, await request(token, "/v1/instances"), "an instance list")
    .instances;
}

/** `DELETE /v1/instances/{id}`: destroys the instance and its workload credential. */
export async function destroyInstance(token: string, id: string): Promise<void> {
  await request(token, `/v1/instances/${encodeURIComponent(id)}`, { method: "DELETE" });
}

import * as z from "zod/mini";
import { parseResponse } from "./parse-response.js";
import { request } from "./request.js";

const instanceSchema = z.object({
  id: z.string(),
  kind: z.enum(["runner", "devbox", "generic"]),
  tailscale_spec: z.nullable(z.string()),
  runner_profile: z.nullable(z.string()),
  devbox_name: z.nullable(z.string()),
  created_at: z.string(),
  expires_at: z.nullable(z.string()),
  destroyed_at: z.nullable(z.string()),
  subject: z.string(),
});

/** A registered runner, devbox or generic workload as `GET /v1/instances` lists it. */
export type Instance = z.output<typeof instanceSchema>;

const instanceListSchema = z.object({ instances: z.array(instanceSchema) });

/** `GET /v1/instances`. */
export async function listInstances(token: string): Promise<readonly Instance[]> {
  return parseResponse(instanceListSchema, await request(token, "/v1/instances"), "an instance list")
    .instances;
}

/** `DELETE /v1/instances/{id}`: destroys the instance and its workload credential. */
export async function destroyInstance(token: string, id: string): Promise<void> {
  await request(token, `/v1/instances/${encodeURIComponent(id)}`, { method: "DELETE" });
}

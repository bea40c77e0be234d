import * as z from "zod/mini";
import { INSTANCE_KINDS } from "../id-tokens/instance-kind.js";
import { SPEC_SOURCES } from "../instances/spec-source.js";
import { named, time, type Wire } from "./wire.js";

/** An instance as the API shows it. Never includes its workload token. */
export const instanceInfoSchema = named(
  z.strictObject({
    id: z.string(),
    kind: z.enum(INSTANCE_KINDS),
    workspace_id: z.string(),
    /** The `sub` of its ID tokens: `<workspace-id>/<instance-id>`. */
    subject: z.string(),
    tailscale_spec: z.nullable(z.string()),
    spec_source: z.enum(SPEC_SOURCES),
    runner_profile: z.nullable(z.string()),
    runner_labels: z.nullable(z.array(z.string())),
    devbox_name: z.nullable(z.string()),
    /** The device name the agent asks Tailscale for. */
    hostname: z.string(),
    created_at: time,
    expires_at: time,
    destroyed_at: z.nullable(time),
    /** The trust relationship whose token exchange made the instance; absent for registered ones. */
    trust_relationship: z.exactOptional(z.string()),
  }),
  "Instance",
);
export type InstanceInfo = Wire<typeof instanceInfoSchema>;

/** `POST /v1/instances`: the only time the workload token is shown. */
export const registerInstanceResponseSchema = named(
  z.strictObject({ instance: instanceInfoSchema, workload_token: z.string() }),
  "RegisterInstanceResponse",
);
export type RegisterInstanceResponse = Wire<typeof registerInstanceResponseSchema>;

/** `GET /v1/instances`. */
export const instanceListSchema = z.strictObject({ instances: z.array(instanceInfoSchema) });
export type InstanceList = Wire<typeof instanceListSchema>;

/** `GET` and `DELETE /v1/instances/{id}`. */
export const instanceEnvelopeSchema = z.strictObject({ instance: instanceInfoSchema });
export type InstanceEnvelope = Wire<typeof instanceEnvelopeSchema>;

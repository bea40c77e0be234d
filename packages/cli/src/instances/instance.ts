import { INSTANCE_KINDS } from "@nsc/core/id-tokens/instance-kind.js";
import type { InstanceInfo } from "@nsc/core/instances/instance.js";
import { SPEC_SOURCES } from "@nsc/core/instances/spec-source.js";
import { ResponseFields } from "./response-fields.js";

/** A registered instance (runner, devbox or generic workload), as the server shows it. */
export type Instance = InstanceInfo;

/**
 * Reads an instance from a server answer, keeping exactly the documented fields.
 *
 * @throws NscError `unexpected_response` naming the field that is missing or malformed.
 */
export function parseInstance(value: unknown): Instance {
  const fields = new ResponseFields(value, "instance");
  return {
    id: fields.string("id"),
    kind: fields.oneOf("kind", INSTANCE_KINDS),
    workspace_id: fields.string("workspace_id"),
    subject: fields.string("subject"),
    tailscale_spec: fields.nullableString("tailscale_spec"),
    spec_source: fields.oneOf("spec_source", SPEC_SOURCES),
    runner_profile: fields.nullableString("runner_profile"),
    runner_labels: fields.nullableStrings("runner_labels"),
    devbox_name: fields.nullableString("devbox_name"),
    hostname: fields.string("hostname"),
    created_at: fields.string("created_at"),
    expires_at: fields.string("expires_at"),
    destroyed_at: fields.nullableString("destroyed_at"),
  };
}

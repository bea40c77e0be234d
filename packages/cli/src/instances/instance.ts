import { INSTANCE_KINDS, type InstanceKind } from "@nsc/core";
import { ResponseFields } from "./response-fields.js";

/** Why an instance has the Tailscale spec it has. */
export type SpecSource = "request" | "label" | "file" | "default" | "locked_default" | "none";

/** Every {@link SpecSource}. */
export const SPEC_SOURCES: readonly SpecSource[] = [
  "request",
  "label",
  "file",
  "default",
  "locked_default",
  "none",
];

/** A registered instance (runner, devbox or generic workload), as the server shows it. */
export interface Instance {
  readonly id: string;
  readonly kind: InstanceKind;
  readonly workspace_id: string;
  /** The `sub` of its ID tokens, `<workspace-id>/<instance-id>`. */
  readonly subject: string;
  readonly tailscale_spec: string | null;
  readonly spec_source: SpecSource;
  readonly runner_profile: string | null;
  readonly runner_labels: readonly string[] | null;
  readonly devbox_name: string | null;
  /** The Tailscale device name it joins with. */
  readonly hostname: string;
  readonly created_at: string;
  readonly expires_at: string;
  readonly destroyed_at: string | null;
}

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

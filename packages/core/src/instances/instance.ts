import { z } from "zod";
import type { InstanceKind } from "../id-tokens/instance-kind.js";
import type { TailscaleSpec } from "../integrations/tailscale-spec.js";

import type { SpecSource } from "./spec-source.js";

// Kept here too, so the package's index exports them as before.
export { SPEC_SOURCES, type SpecSource } from "./spec-source.js";

/** An instance as the API shows it. Never includes its workload token. */
export interface InstanceInfo {
  readonly id: string;
  readonly kind: InstanceKind;
  readonly workspace_id: string;
  /** The `sub` of its ID tokens: `<workspace-id>/<instance-id>`. */
  readonly subject: string;
  readonly tailscale_spec: string | null;
  readonly spec_source: SpecSource;
  readonly runner_profile: string | null;
  readonly runner_labels: readonly string[] | null;
  readonly devbox_name: string | null;
  /** The device name the agent asks Tailscale for. */
  readonly hostname: string;
  readonly created_at: string;
  readonly expires_at: string;
  readonly destroyed_at: string | null;
  /** The trust relationship whose token exchange made the instance; absent for registered ones. */
  readonly trust_relationship?: string;
}

/** Longest lifetime of an instance's workload credential: 7 days. */
export const MAX_INSTANCE_TTL_SECS = 7 * 24 * 3600;
/** Default lifetime of an instance's workload credential: 24 hours. */
export const DEFAULT_INSTANCE_TTL_SECS = 24 * 3600;

const ttl = z.number().int().min(60).max(MAX_INSTANCE_TTL_SECS).exactOptional();

/** Body of `POST /v1/instances`, one shape per kind. */
export const registerInstanceRequestSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("generic"),
    tailscale_spec: z.string().max(64).exactOptional(),
    ttl_secs: ttl,
  }),
  z.strictObject({
    kind: z.literal("runner"),
    labels: z.array(z.string().max(1024)).min(1).max(128),
    ttl_secs: ttl,
  }),
  z.strictObject({
    kind: z.literal("devbox"),
    devbox_file: z.strictObject({ name: z.string().min(1).max(255), content: z.string().max(48 * 1024) }),
    ttl_secs: ttl,
  }),
]);
export type RegisterInstanceRequest = z.infer<typeof registerInstanceRequestSchema>;

/** Response of `POST /v1/instances`: the only time the workload token is shown. */
export interface RegisterInstanceResponse {
  readonly instance: InstanceInfo;
  readonly workload_token: string;
}

/** Workspace devbox defaults: `GET|PUT /v1/devbox/defaults`. */
export const devboxDefaultsSchema = z.strictObject({
  tailscale_spec: z.string().max(64).nullable(),
  locked: z.boolean(),
});
export type DevboxDefaults = z.infer<typeof devboxDefaultsSchema>;

/**
 * Response of `POST /v1/workload/tailscale/join` with `{"dry_run": true}`: the spec as it is now and what a
 * trust credential must match, but no token — a dry run mints nothing.
 */
export interface TailscaleJoinPlan {
  readonly instance: InstanceInfo;
  readonly spec_name: string;
  readonly spec: TailscaleSpec;
  readonly issuer: string;
  readonly subject: string;
  readonly audience: string;
}

/** Response of `POST /v1/workload/tailscale/join`: the plan, and a fresh ID token for it. */
export interface TailscaleJoinResponse extends TailscaleJoinPlan {
  readonly id_token: string;
  readonly expires_at: string;
}

/** Response of `POST /v1/id-token`. */
export interface IdTokenResponse {
  readonly id_token: string;
  readonly expires_at: string;
}

import * as z from "zod/mini";
import { tailscaleSpecSchema } from "../integrations/tailscale-spec.js";
import { instanceInfoSchema } from "./instances.js";
import { named, time, type Wire } from "./wire.js";

/** Body of `POST /v1/workload/tailscale/join`. */
export const joinRequestSchema = z.strictObject({
  duration_secs: z.exactOptional(z.number().check(z.int())),
  /** Answer with the plan only: no ID token is minted (`nsc tailscale up --dry-run`). */
  dry_run: z.exactOptional(z.boolean()),
});
export type JoinRequest = Wire<typeof joinRequestSchema>;

const joinPlanShape = {
  instance: instanceInfoSchema,
  spec_name: z.string(),
  spec: tailscaleSpecSchema,
  issuer: z.string(),
  subject: z.string(),
  audience: z.string(),
};

/**
 * The answer to a dry run: the spec as it is now and what a trust credential must match, but no token —
 * a dry run mints nothing.
 */
export const tailscaleJoinPlanSchema = named(z.strictObject(joinPlanShape), "TailscaleJoinPlan");
export type TailscaleJoinPlan = Wire<typeof tailscaleJoinPlanSchema>;

/** The answer to a join: the plan, and a fresh ID token for it. */
export const tailscaleJoinResponseSchema = named(
  z.strictObject({ ...joinPlanShape, id_token: z.string(), expires_at: time }),
  "TailscaleJoinResponse",
);
export type TailscaleJoinResponse = Wire<typeof tailscaleJoinResponseSchema>;

import * as z from "zod/mini";

// Kept here too, so the package's index exports them as before.
export { SPEC_SOURCES, type SpecSource } from "./spec-source.js";

/** Longest lifetime of an instance's workload credential: 7 days. */
export const MAX_INSTANCE_TTL_SECS = 7 * 24 * 3600;
/** Default lifetime of an instance's workload credential: 24 hours. */
export const DEFAULT_INSTANCE_TTL_SECS = 24 * 3600;

const ttl = z.exactOptional(z.number().check(z.int(), z.minimum(60), z.maximum(MAX_INSTANCE_TTL_SECS)));

/** Body of `POST /v1/instances`, one shape per kind. */
export const registerInstanceRequestSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("generic"),
    tailscale_spec: z.exactOptional(z.string().check(z.maxLength(64))),
    ttl_secs: ttl,
  }),
  z.strictObject({
    kind: z.literal("runner"),
    labels: z.array(z.string().check(z.maxLength(1024))).check(z.minLength(1), z.maxLength(128)),
    ttl_secs: ttl,
  }),
  z.strictObject({
    kind: z.literal("devbox"),
    devbox_file: z.strictObject({
      name: z.string().check(z.minLength(1), z.maxLength(255)),
      content: z.string().check(z.maxLength(48 * 1024)),
    }),
    ttl_secs: ttl,
  }),
]);
export type RegisterInstanceRequest = z.output<typeof registerInstanceRequestSchema>;

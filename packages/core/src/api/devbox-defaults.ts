import * as z from "zod/mini";
import { named, type Wire } from "./wire.js";

/** Workspace devbox defaults, `GET|PUT /v1/devbox/defaults`; `locked` overrides a devbox file's own spec. */
export const devboxDefaultsSchema = z.strictObject({
  tailscale_spec: z.nullable(z.string().check(z.maxLength(64))),
  locked: z.boolean(),
});
export type DevboxDefaults = Wire<typeof devboxDefaultsSchema>;

/** The same shape as an answer (its own object, so only the answer carries the component name). */
export const devboxDefaultsResponseSchema = named(z.clone(devboxDefaultsSchema), "DevboxDefaults");

import * as z from "zod/mini";
import { tailscaleSpecSchema } from "../integrations/tailscale-spec.js";
import { named, type Wire } from "./wire.js";

/**
 * A workspace's integrations, as `GET /v1/integrations` and `nsc integrations tailscale … -o json` show
 * them. `metadata_version` is an integer serialised as a string; every write names the version it read.
 */
export const integrationsResponseSchema = named(
  z.strictObject({
    metadata_version: z.string().check(z.regex(/^\d+$/u)),
    tailscale: z.record(z.string(), tailscaleSpecSchema),
  }),
  "IntegrationsDocument",
);
export type IntegrationsDocument = Wire<typeof integrationsResponseSchema>;

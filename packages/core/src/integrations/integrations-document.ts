import { z } from "zod";
import { tailscaleSpecSchema, type TailscaleSpec } from "./tailscale-spec.js";

/**
 * A workspace's integrations, as `GET /v1/integrations` and `nsc integrations tailscale … -o json` show
 * them. `metadata_version` is an integer serialised as a string; every write names the version it read.
 */
export interface IntegrationsDocument {
  readonly metadata_version: string;
  readonly tailscale: Readonly<Record<string, TailscaleSpec>>;
}

export const integrationsDocumentSchema = z.object({
  metadata_version: z.string().regex(/^\d+$/u),
  tailscale: z.record(z.string(), tailscaleSpecSchema),
});

/** Body of `PUT /v1/integrations/tailscale/{name}`. */
export const putTailscaleSpecRequestSchema = z.strictObject({
  metadata_version: z.string().regex(/^\d{1,15}$/u, "must be the metadata_version string you read"),
  spec: z.unknown(),
});
export type PutTailscaleSpecRequest = z.infer<typeof putTailscaleSpecRequestSchema>;

/** Parses a `metadata_version` string into the integer the store compares. */
export function parseMetadataVersion(value: string): number {
  return Number.parseInt(value, 10);
}

import * as z from "zod/mini";

/** Body of `PUT /v1/integrations/tailscale/{name}`. */
export const putTailscaleSpecRequestSchema = z.strictObject({
  metadata_version: z.string().check(z.regex(/^\d{1,15}$/u, "must be the metadata_version string you read")),
  spec: z.unknown(),
});
export type PutTailscaleSpecRequest = z.output<typeof putTailscaleSpecRequestSchema>;

/** Parses a `metadata_version` string into the integer the store compares. */
export function parseMetadataVersion(value: string): number {
  return Number.parseInt(value, 10);
}

// The document's type is the response schema's, in `api/`; kept here for the modules that import it from here.
export type { IntegrationsDocument } from "../api/integrations.js";

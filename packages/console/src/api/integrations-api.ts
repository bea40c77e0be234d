import type { IntegrationsDocument } from "@nsc/core/integrations/integrations-document.js";
import type { TailscaleSpec } from "@nsc/core/integrations/tailscale-spec.js";
import * as z from "zod/mini";
import { parseResponse } from "./parse-response.js";
import { request } from "./request.js";

/** `GET /v1/integrations`. */
export async function getIntegrations(token: string): Promise<IntegrationsDocument> {
  return parseDocument(await request(token, "/v1/integrations"));
}

/**
 * `PUT /v1/integrations/tailscale/{name}`: creates or replaces a spec, naming the `metadata_version` that
 * was read. Answers the whole new document; a 409 `version_conflict` means another write came first.
 */
export async function putTailscaleSpec(
  token: string,
  name: string,
  metadataVersion: string,
  spec: TailscaleSpec,
): Promise<IntegrationsDocument> {
  const body = { metadata_version: metadataVersion, spec };
  return parseDocument(
    await request(token, `/v1/integrations/tailscale/${encodeURIComponent(name)}`, { method: "PUT", body }),
  );
}

/** `DELETE /v1/integrations/tailscale/{name}?metadata_version=N[&force=true]`. */
export async function removeTailscaleSpec(
  token: string,
  name: string,
  metadataVersion: string,
  force = false,
): Promise<IntegrationsDocument> {
  const query = new URLSearchParams({
    metadata_version: metadataVersion,
    ...(force ? { force: "true" } : {}),
  });
  return parseDocument(
    await request(token, `/v1/integrations/tailscale/${encodeURIComponent(name)}?${query.toString()}`, {
      method: "DELETE",
    }),
  );
}

/**
 * The wire shape of core's integrations document, checked with zod's small build to keep the console's
 * bundle light; the return type below ties it to core's {@link IntegrationsDocument}.
 */
const integrationsDocumentSchema = z.object({
  metadata_version: z.string().check(z.regex(/^\d+$/u)),
  tailscale: z.record(
    z.string(),
    z.object({
      oauth_client_id: z.string(),
      tags: z.array(z.string()),
      enable_magic_dns: z.boolean(),
      login_server: z.exactOptional(z.string()),
      audience: z.exactOptional(z.string()),
    }),
  ),
});

function parseDocument(value: unknown): IntegrationsDocument {
  return parseResponse(integrationsDocumentSchema, value, "an integrations document");
}

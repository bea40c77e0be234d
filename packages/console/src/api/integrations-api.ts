import { integrationsResponseSchema, type IntegrationsDocument, type TailscaleSpec } from "@nsc/core/browser";
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

function parseDocument(value: unknown): IntegrationsDocument {
  return parseResponse(integrationsResponseSchema, value, "an integrations document");
}

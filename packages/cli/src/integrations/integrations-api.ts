import { integrationsResponseSchema, type IntegrationsDocument } from "@nsc/core/api/integrations.js";
import type { TailscaleSpec } from "@nsc/core/integrations/tailscale-spec.js";
import type { NscClient } from "../api/nsc-client.js";

/** `GET /v1/integrations`. */
export async function fetchIntegrations(client: NscClient): Promise<IntegrationsDocument> {
  return client.call("GET", "/v1/integrations", integrationsResponseSchema);
}

/** `PUT /v1/integrations/tailscale/{name}`, naming the version read; returns the new document. */
export async function putTailscaleSpec(
  client: NscClient,
  name: string,
  metadataVersion: string,
  spec: TailscaleSpec,
): Promise<IntegrationsDocument> {
  const path = `/v1/integrations/tailscale/${encodeURIComponent(name)}`;
  return client.call("PUT", path, integrationsResponseSchema, { metadata_version: metadataVersion, spec });
}

/** `DELETE /v1/integrations/tailscale/{name}?metadata_version=…[&force=true]`; returns the new document. */
export async function deleteTailscaleSpec(
  client: NscClient,
  name: string,
  metadataVersion: string,
  force = false,
): Promise<IntegrationsDocument> {
  const path = `/v1/integrations/tailscale/${encodeURIComponent(name)}?metadata_version=${encodeURIComponent(metadataVersion)}${force ? "&force=true" : ""}`;
  return client.call("DELETE", path, integrationsResponseSchema);
}

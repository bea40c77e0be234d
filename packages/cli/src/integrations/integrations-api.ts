import {
  integrationsDocumentSchema,
  parseWith,
  type IntegrationsDocument,
  type TailscaleSpec,
} from "@nsc/core";
import type { ApiClient } from "../api/api-client.js";

function parseDocument(value: unknown): IntegrationsDocument {
  return parseWith(integrationsDocumentSchema, value, "integrations document from the server");
}

/** `GET /v1/integrations`. */
export async function fetchIntegrations(client: ApiClient): Promise<IntegrationsDocument> {
  return parseDocument(await client.request("GET", "/v1/integrations"));
}

/** `PUT /v1/integrations/tailscale/{name}`, naming the version read; returns the new document. */
export async function putTailscaleSpec(
  client: ApiClient,
  name: string,
  metadataVersion: string,
  spec: TailscaleSpec,
): Promise<IntegrationsDocument> {
  const path = `/v1/integrations/tailscale/${encodeURIComponent(name)}`;
  return parseDocument(await client.request("PUT", path, { metadata_version: metadataVersion, spec }));
}

/** `DELETE /v1/integrations/tailscale/{name}?metadata_version=…[&force=true]`; returns the new document. */
export async function deleteTailscaleSpec(
  client: ApiClient,
  name: string,
  metadataVersion: string,
  force = false,
): Promise<IntegrationsDocument> {
  const path = `/v1/integrations/tailscale/${encodeURIComponent(name)}?metadata_version=${encodeURIComponent(metadataVersion)}${force ? "&force=true" : ""}`;
  return parseDocument(await client.request("DELETE", path));
}

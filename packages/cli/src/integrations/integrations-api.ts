import { NscError } from "@nsc/core/errors/nsc-error.js";
import type { IntegrationsDocument } from "@nsc/core/integrations/integrations-document.js";
import type { TailscaleSpec } from "@nsc/core/integrations/tailscale-spec.js";
import type { ApiClient } from "../api/api-client.js";
import { ResponseFields } from "../instances/response-fields.js";

/**
 * Reads the server's integrations document field by field (no schema library: this runs on every
 * `nsc integrations` command, and loading one costs more than the command).
 */
export function parseDocument(value: unknown): IntegrationsDocument {
  const document = new ResponseFields(value, "integrations document");
  const metadataVersion = document.string("metadata_version");
  if (!/^\d+$/u.test(metadataVersion)) {
    throw new NscError(
      "unexpected_response",
      `the server's integrations document has a metadata_version that is not a number (${JSON.stringify(metadataVersion)})`,
    );
  }
  const specs = document.object("tailscale");
  const tailscale: Record<string, TailscaleSpec> = {};
  for (const name of specs.keys()) {
    const spec = specs.object(name);
    const loginServer = spec.optionalString("login_server");
    tailscale[name] = {
      oauth_client_id: spec.string("oauth_client_id"),
      tags: spec.strings("tags"),
      enable_magic_dns: spec.boolean("enable_magic_dns"),
      ...(loginServer === undefined ? {} : { login_server: loginServer }),
    };
  }
  return { metadata_version: metadataVersion, tailscale };
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

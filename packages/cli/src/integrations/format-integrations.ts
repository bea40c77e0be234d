import type { IntegrationsDocument } from "@nsc/core/api/integrations.js";
import type { TailscaleSpec } from "@nsc/core/integrations/tailscale-spec.js";

/**
 * The `-o json` view of the integrations document, with upstream's `omitempty`: `metadata_version` only
 * when not 0 and `tailscale` only when it has a spec, so an empty document prints `{}` and the one left
 * after the last spec is removed `{"metadata_version": "N"}`. Specs keep their shape.
 */
export function integrationsJson(document: IntegrationsDocument): {
  readonly metadata_version?: string;
  readonly tailscale?: Readonly<Record<string, TailscaleSpec>>;
} {
  return {
    ...(document.metadata_version === "0" ? {} : { metadata_version: document.metadata_version }),
    ...(Object.keys(document.tailscale).length === 0 ? {} : { tailscale: document.tailscale }),
  };
}

/**
 * The plain `nsc integrations tailscale list` text, byte for byte as upstream `nsc` prints it: names
 * sorted, `Tags: none` when empty, a blank line after each spec.
 */
export function formatTailscaleList(document: IntegrationsDocument): string {
  const names = Object.keys(document.tailscale).sort();
  if (names.length === 0) return "No Tailscale integrations configured.\n";
  let out = "Tailscale integrations:\n\n";
  for (const name of names) {
    const spec = document.tailscale[name];
    if (spec === undefined) continue;
    out += `${name}\n`;
    out += `  OAuth Client ID: ${spec.oauth_client_id}\n`;
    out += `  Tags: ${spec.tags.length === 0 ? "none" : spec.tags.join(", ")}\n`;
    out += `  MagicDNS: ${spec.enable_magic_dns ? "Enabled" : "Disabled"}\n`;
    if (spec.login_server !== undefined) out += `  Login server: ${spec.login_server}\n`;
    if (spec.audience !== undefined) out += `  Audience: ${spec.audience}\n`;
    out += "\n";
  }
  return out;
}

import type { IntegrationsDocument } from "@nsc/core/integrations/integrations-document.js";

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
    out += "\n";
  }
  return out;
}

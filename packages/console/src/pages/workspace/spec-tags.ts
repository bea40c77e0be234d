import type { IntegrationsDocument } from "@nsc/core/browser";

/** Every tag any Tailscale spec asks for, each once, in first-seen order by spec name. */
export function specTags(document: IntegrationsDocument): readonly string[] {
  const tags = new Set<string>();
  for (const name of Object.keys(document.tailscale).sort()) {
    for (const tag of document.tailscale[name]?.tags ?? []) tags.add(tag);
  }
  return [...tags];
}

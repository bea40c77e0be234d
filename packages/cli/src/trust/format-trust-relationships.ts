import type { TrustRelationshipInfo } from "@nsc/core/api/trust.js";

function duration(secs: number): string {
  if (secs % 3600 === 0) return `${secs / 3600}h`;
  if (secs % 60 === 0) return `${secs / 60}m`;
  return `${secs}s`;
}

/** The plain text of `nsc auth trust-relationships list`: one block per relationship, by name. */
export function formatTrustRelationships(relationships: readonly TrustRelationshipInfo[]): string {
  if (relationships.length === 0) return "No trust relationships configured.\n";
  const blocks = relationships.map((r) => {
    const lines = [
      r.name,
      `  Issuer: ${r.issuer}`,
      `  Audience: ${r.audience}`,
      `  Subject: ${r.subject_match}`,
      `  Claims: ${r.claims.length === 0 ? "none" : r.claims.map((c) => `${c.claim}=${c.pattern}`).join(", ")}`,
      `  JWKS: ${r.jwks === null ? "fetched from the issuer" : `given (${keyCount(r.jwks.keys)} keys)`}`,
      `  Grants: ${r.kind}, spec ${r.tailscale_spec ?? "from the job's labels"}, instances live ${duration(r.instance_ttl_secs)}`,
    ];
    if (r.allow_labels.length > 0) lines.push(`  Allowed labels: ${r.allow_labels.join(", ")}`);
    return `${lines.join("\n")}\n`;
  });
  return `Trust relationships:\n\n${blocks.join("\n")}\n`;
}

function keyCount(keys: unknown): number {
  return Array.isArray(keys) ? keys.length : 0;
}

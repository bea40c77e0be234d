/** Every kind of audited action. Stable strings: they are stored and filtered on. */
export const AUDIT_ACTIONS = [
  "workspace.created",
  "tailscale_spec.set",
  "tailscale_spec.removed",
  "api_token.created",
  "api_token.revoked",
  "instance.registered",
  "instance.destroyed",
  "id_token.issued",
  "devbox_defaults.set",
  "signing_key.rotated",
  "trust_relationship.added",
  "trust_relationship.updated",
  "trust_relationship.removed",
  "token.exchanged",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Detail values: small and flat. Never a secret — not a token, not a hash, not a key. */
export type AuditDetail = Readonly<Record<string, string | number | boolean | null | readonly string[]>>;

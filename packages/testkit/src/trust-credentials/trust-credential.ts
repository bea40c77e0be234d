/** A federated trust credential: who may exchange which ID tokens for an API token with what rights. */
export interface TrustCredential {
  /** The client ID workloads pass as `client_id`. */
  readonly clientId: string;
  /** Exact issuer URL; the token's `iss` and the discovery document's `issuer` must equal it. */
  readonly issuer: string;
  /** Pattern for `sub`; `*` matches any run of characters. */
  readonly subject: string;
  /** Value the token's `aud` must contain. Defaults to `api.tailscale.com/<client-id>`. */
  readonly audience: string;
  /** Claim name → pattern; each claim must be present and match. */
  readonly customClaimRules: Readonly<Record<string, string>>;
  /** Scopes granted to exchanged API tokens, e.g. `auth_keys`. */
  readonly scopes: readonly string[];
  /** Tags auth keys made with exchanged tokens may carry. */
  readonly tags: readonly string[];
  readonly description: string;
  /** RFC 3339. */
  readonly created: string;
}

/** The API's JSON view of a {@link TrustCredential}. */
export function trustCredentialJson(credential: TrustCredential): Record<string, unknown> {
  return {
    id: credential.clientId,
    keyType: "federated",
    description: credential.description,
    created: credential.created,
    issuer: credential.issuer,
    subject: credential.subject,
    audience: credential.audience,
    customClaimRules: credential.customClaimRules,
    scopes: credential.scopes,
    tags: credential.tags,
  };
}

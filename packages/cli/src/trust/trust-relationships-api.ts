import type { ApiClient } from "../api/api-client.js";

/** A relationship as the server returns it (checked loosely: the server validated it). */
export interface TrustRelationshipView {
  readonly name: string;
  readonly issuer: string;
  readonly audience: string;
  readonly subject_match: string;
  readonly claims: readonly { readonly claim: string; readonly pattern: string }[];
  readonly jwks: { readonly keys?: readonly unknown[] } | null;
  readonly kind: string;
  readonly tailscale_spec: string | null;
  readonly allow_labels: readonly string[];
  readonly instance_ttl_secs: number;
  readonly created_at: string;
  readonly updated_at: string;
}

const PATH = "/v1/trust-relationships";

export async function listTrustRelationships(client: ApiClient): Promise<readonly TrustRelationshipView[]> {
  const body = (await client.request("GET", PATH)) as { trust_relationships: TrustRelationshipView[] };
  return body.trust_relationships;
}

export async function getTrustRelationship(client: ApiClient, name: string): Promise<TrustRelationshipView> {
  const body = (await client.request("GET", `${PATH}/${encodeURIComponent(name)}`)) as {
    trust_relationship: TrustRelationshipView;
  };
  return body.trust_relationship;
}

export async function createTrustRelationship(
  client: ApiClient,
  body: unknown,
): Promise<TrustRelationshipView> {
  return ((await client.request("POST", PATH, body)) as { trust_relationship: TrustRelationshipView })
    .trust_relationship;
}

export async function replaceTrustRelationship(
  client: ApiClient,
  name: string,
  body: unknown,
): Promise<TrustRelationshipView> {
  return (
    (await client.request("PUT", `${PATH}/${encodeURIComponent(name)}`, body)) as {
      trust_relationship: TrustRelationshipView;
    }
  ).trust_relationship;
}

export async function removeTrustRelationship(client: ApiClient, name: string): Promise<void> {
  await client.request("DELETE", `${PATH}/${encodeURIComponent(name)}`);
}

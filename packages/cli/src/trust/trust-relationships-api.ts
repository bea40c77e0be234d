import {
  trustRelationshipEnvelopeSchema,
  trustRelationshipListSchema,
  trustRelationshipRemovedSchema,
  type TrustRelationshipInfo,
} from "@nsc/core/api/trust.js";
import type { NscClient } from "../api/nsc-client.js";

const PATH = "/v1/trust-relationships";

const pathOf = (name: string): string => `${PATH}/${encodeURIComponent(name)}`;

export async function listTrustRelationships(client: NscClient): Promise<readonly TrustRelationshipInfo[]> {
  return (await client.call("GET", PATH, trustRelationshipListSchema)).trust_relationships;
}

export async function getTrustRelationship(client: NscClient, name: string): Promise<TrustRelationshipInfo> {
  return (await client.call("GET", pathOf(name), trustRelationshipEnvelopeSchema)).trust_relationship;
}

export async function createTrustRelationship(
  client: NscClient,
  body: unknown,
): Promise<TrustRelationshipInfo> {
  return (await client.call("POST", PATH, trustRelationshipEnvelopeSchema, body)).trust_relationship;
}

export async function replaceTrustRelationship(
  client: NscClient,
  name: string,
  body: unknown,
): Promise<TrustRelationshipInfo> {
  return (await client.call("PUT", pathOf(name), trustRelationshipEnvelopeSchema, body)).trust_relationship;
}

export async function removeTrustRelationship(client: NscClient, name: string): Promise<void> {
  await client.call("DELETE", pathOf(name), trustRelationshipRemovedSchema);
}

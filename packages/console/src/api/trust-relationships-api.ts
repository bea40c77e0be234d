import {
  trustRelationshipEnvelopeSchema,
  trustRelationshipListSchema,
  type TrustRelationshipInfo,
  type TrustRelationshipName,
  type TrustRelationshipSpec,
} from "@nsc/core/browser";
import { parseResponse } from "./parse-response.js";
import { request } from "./request.js";

/** A trust relationship as `GET /v1/trust-relationships` lists it. */
export type TrustRelationship = TrustRelationshipInfo;

const PATH = "/v1/trust-relationships";

function pathOf(name: string): string {
  return `${PATH}/${encodeURIComponent(name)}`;
}

/** `GET /v1/trust-relationships`: every relationship of the workspace, by name; admins and members. */
export async function listTrustRelationships(token: string): Promise<readonly TrustRelationship[]> {
  return parseResponse(trustRelationshipListSchema, await request(token, PATH), "a trust relationship list")
    .trust_relationships;
}

/**
 * `POST /v1/trust-relationships`; 409 `trust_relationship_exists` when the name is taken, 400
 * `spec_not_found` when the spec does not exist.
 */
export async function createTrustRelationship(
  token: string,
  name: TrustRelationshipName,
  spec: TrustRelationshipSpec,
): Promise<TrustRelationship> {
  const body = await request(token, PATH, { method: "POST", body: { name, ...spec } });
  return parseResponse(trustRelationshipEnvelopeSchema, body, "a trust relationship").trust_relationship;
}

/** `PUT /v1/trust-relationships/{name}`: replaces every setting of an existing relationship. */
export async function replaceTrustRelationship(
  token: string,
  name: TrustRelationshipName,
  spec: TrustRelationshipSpec,
): Promise<TrustRelationship> {
  const body = await request(token, pathOf(name), { method: "PUT", body: spec });
  return parseResponse(trustRelationshipEnvelopeSchema, body, "a trust relationship").trust_relationship;
}

/** `DELETE /v1/trust-relationships/{name}`; instances it made keep their lifetime. */
export async function removeTrustRelationship(token: string, name: string): Promise<void> {
  await request(token, pathOf(name), { method: "DELETE" });
}

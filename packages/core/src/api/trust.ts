import * as z from "zod/mini";
import { INSTANCE_KINDS } from "../id-tokens/instance-kind.js";
import { instanceInfoSchema } from "./instances.js";
import { named, time, type Wire } from "./wire.js";

/** A trust relationship as the API returns it. */
export const trustRelationshipInfoSchema = named(
  z.strictObject({
    name: z.string(),
    issuer: z.string(),
    audience: z.string(),
    subject_match: z.string(),
    claims: z.array(z.strictObject({ claim: z.string(), pattern: z.string() })),
    jwks: z.nullable(z.record(z.string(), z.unknown())),
    kind: z.enum(INSTANCE_KINDS),
    tailscale_spec: z.nullable(z.string()),
    allow_labels: z.array(z.string()),
    instance_ttl_secs: z.number().check(z.int()),
    created_at: time,
    updated_at: time,
  }),
  "TrustRelationship",
);
export type TrustRelationshipInfo = Wire<typeof trustRelationshipInfoSchema>;

/** `GET`, `POST` and `PUT` of one relationship. */
export const trustRelationshipEnvelopeSchema = named(
  z.strictObject({ trust_relationship: trustRelationshipInfoSchema }),
  "TrustRelationshipEnvelope",
);
export type TrustRelationshipEnvelope = Wire<typeof trustRelationshipEnvelopeSchema>;

/** `GET /v1/trust-relationships`. */
export const trustRelationshipListSchema = named(
  z.strictObject({ trust_relationships: z.array(trustRelationshipInfoSchema) }),
  "TrustRelationshipList",
);
export type TrustRelationshipList = Wire<typeof trustRelationshipListSchema>;

/** `DELETE /v1/trust-relationships/{name}`. */
export const trustRelationshipRemovedSchema = z.strictObject({ removed: z.string() });
export type TrustRelationshipRemoved = Wire<typeof trustRelationshipRemovedSchema>;

/** `POST /v1/auth/exchange-oidc-token`: the instance and its workload token, which expires with it. */
export const exchangeTokenResponseSchema = named(
  z.strictObject({
    instance: instanceInfoSchema,
    workload_token: z.string(),
    expires_at: time,
    trust_relationship: z.string(),
  }),
  "ExchangeTokenResponse",
);
export type ExchangeTokenResponse = Wire<typeof exchangeTokenResponseSchema>;

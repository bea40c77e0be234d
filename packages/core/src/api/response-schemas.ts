import { z } from "zod";
import { ERROR_CODES } from "../errors/error-code.js";
import type { ErrorBody } from "../errors/nsc-error.js";
import { INSTANCE_KINDS } from "../id-tokens/instance-kind.js";
import { tailscaleSpecSchema } from "../integrations/tailscale-spec.js";
import type { IntegrationsDocument } from "../integrations/integrations-document.js";
import {
  SPEC_SOURCES,
  devboxDefaultsSchema,
  type IdTokenResponse,
  type InstanceInfo,
  type RegisterInstanceResponse,
  type TailscaleJoinPlan,
  type TailscaleJoinResponse,
} from "../instances/instance.js";
import { ROLES, type ApiTokenInfo, type CreateApiTokenResponse } from "../tokens/api-token.js";
import type { WorkspaceInfo } from "../workspaces/workspace.js";
import type { ExchangeTokenResponse } from "../trust/token-exchange.js";
import type { TrustRelationshipInfo } from "../trust/trust-relationship.js";

/*
 * The API's response bodies as zod schemas: the source of `GET /openapi.json`. Each is checked against
 * the TypeScript type the server builds its answer with (both directions), so neither can drift.
 */

const time = z.iso.datetime({ offset: true });

/** `{"error":{"code","message","field?"}}`: every error response. */
export const errorBodySchema = z
  .strictObject({
    error: z.strictObject({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      field: z.string().exactOptional(),
    }),
  })
  .meta({ id: "ErrorBody" });

export const workspaceInfoSchema = z
  .strictObject({
    id: z.string(),
    tenant_id: z.string(),
    name: z.string(),
    created_at: time,
    role: z.string(),
    issuer_url: z.string(),
  })
  .meta({ id: "WorkspaceInfo" });

export const integrationsResponseSchema = z
  .strictObject({
    metadata_version: z.string().regex(/^\d+$/u),
    tailscale: z.record(z.string(), tailscaleSpecSchema),
  })
  .meta({ id: "IntegrationsDocument" });

export const apiTokenInfoSchema = z
  .strictObject({
    id: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    created_at: time,
    expires_at: time.nullable(),
    revoked_at: time.nullable(),
    last_used_at: time.nullable(),
  })
  .meta({ id: "ApiToken" });

export const createApiTokenResponseSchema = z
  .strictObject({ token: apiTokenInfoSchema, secret: z.string() })
  .meta({ id: "CreateApiTokenResponse" });

export const instanceInfoSchema = z
  .strictObject({
    id: z.string(),
    kind: z.enum(INSTANCE_KINDS),
    workspace_id: z.string(),
    subject: z.string(),
    tailscale_spec: z.string().nullable(),
    spec_source: z.enum(SPEC_SOURCES),
    runner_profile: z.string().nullable(),
    runner_labels: z.array(z.string()).nullable(),
    devbox_name: z.string().nullable(),
    hostname: z.string(),
    created_at: time,
    expires_at: time,
    destroyed_at: time.nullable(),
    trust_relationship: z.string().exactOptional(),
  })
  .meta({ id: "Instance" });

export const registerInstanceResponseSchema = z
  .strictObject({ instance: instanceInfoSchema, workload_token: z.string() })
  .meta({ id: "RegisterInstanceResponse" });

export const devboxDefaultsResponseSchema = devboxDefaultsSchema.meta({ id: "DevboxDefaults" });

export const idTokenResponseSchema = z
  .strictObject({ id_token: z.string(), expires_at: time })
  .meta({ id: "IdTokenResponse" });

const joinPlanShape = {
  instance: instanceInfoSchema,
  spec_name: z.string(),
  spec: tailscaleSpecSchema,
  issuer: z.string(),
  subject: z.string(),
  audience: z.string(),
};

export const tailscaleJoinPlanSchema = z.strictObject(joinPlanShape).meta({ id: "TailscaleJoinPlan" });

export const tailscaleJoinResponseSchema = z
  .strictObject({ ...joinPlanShape, id_token: z.string(), expires_at: time })
  .meta({ id: "TailscaleJoinResponse" });

export const auditEventSchema = z
  .strictObject({
    id: z.string(),
    at: time,
    actor: z.string(),
    action: z.string(),
    object_kind: z.string(),
    object_id: z.string(),
    detail: z.record(
      z.string(),
      z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]),
    ),
  })
  .meta({ id: "AuditEvent" });

export const auditPageSchema = z
  .strictObject({ events: z.array(auditEventSchema), next_before: z.string().nullable() })
  .meta({ id: "AuditPage" });

export const trustRelationshipInfoSchema = z
  .strictObject({
    name: z.string(),
    issuer: z.string(),
    audience: z.string(),
    subject_match: z.string(),
    claims: z.array(z.strictObject({ claim: z.string(), pattern: z.string() })),
    jwks: z.record(z.string(), z.unknown()).nullable(),
    kind: z.enum(INSTANCE_KINDS),
    tailscale_spec: z.string().nullable(),
    allow_labels: z.array(z.string()),
    instance_ttl_secs: z.number().int(),
    created_at: time,
    updated_at: time,
  })
  .meta({ id: "TrustRelationship" });

export const trustRelationshipEnvelopeSchema = z
  .strictObject({ trust_relationship: trustRelationshipInfoSchema })
  .meta({ id: "TrustRelationshipEnvelope" });

export const trustRelationshipListSchema = z
  .strictObject({ trust_relationships: z.array(trustRelationshipInfoSchema) })
  .meta({ id: "TrustRelationshipList" });

export const exchangeTokenResponseSchema = z
  .strictObject({
    instance: instanceInfoSchema,
    workload_token: z.string(),
    expires_at: time,
    trust_relationship: z.string(),
  })
  .meta({ id: "ExchangeTokenResponse" });

/** Both ways: every value of `A` is a `B` and every `B` an `A`. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Out<S extends z.ZodType> = z.output<S>;
type DeepReadonly<T> = T extends readonly (infer E)[]
  ? readonly DeepReadonly<E>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;
type Check<A, B> = Same<DeepReadonly<A>, DeepReadonly<B>>;

// Compile-time drift checks: a field added to a type and not to its schema (or back) fails `tsc`.
export const RESPONSE_SCHEMAS_MATCH_TYPES: [
  Check<Out<typeof errorBodySchema>, ErrorBody>,
  Check<Out<typeof workspaceInfoSchema>, WorkspaceInfo>,
  Check<Out<typeof integrationsResponseSchema>, IntegrationsDocument>,
  Check<Out<typeof apiTokenInfoSchema>, ApiTokenInfo>,
  Check<Out<typeof createApiTokenResponseSchema>, CreateApiTokenResponse>,
  Check<Out<typeof instanceInfoSchema>, InstanceInfo>,
  Check<Out<typeof registerInstanceResponseSchema>, RegisterInstanceResponse>,
  Check<Out<typeof idTokenResponseSchema>, IdTokenResponse>,
  Check<Out<typeof tailscaleJoinPlanSchema>, TailscaleJoinPlan>,
  Check<Out<typeof tailscaleJoinResponseSchema>, TailscaleJoinResponse>,
  Check<Out<typeof exchangeTokenResponseSchema>, ExchangeTokenResponse>,
  // `tailscale_spec` is a branded SpecName in the type, a plain string on the wire.
  Check<
    Out<typeof trustRelationshipInfoSchema>,
    Omit<TrustRelationshipInfo, "tailscale_spec"> & { readonly tailscale_spec: string | null }
  >,
] = [true, true, true, true, true, true, true, true, true, true, true, true];

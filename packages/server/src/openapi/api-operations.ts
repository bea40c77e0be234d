import * as z from "zod/mini";
import {
  auditPageSchema,
  createApiTokenRequestSchema,
  createApiTokenResponseSchema,
  devboxDefaultsResponseSchema,
  devboxDefaultsSchema,
  discoveryDocumentSchema,
  idTokenRequestSchema,
  idTokenResponseSchema,
  instanceEnvelopeSchema,
  instanceListSchema,
  joinRequestSchema,
  jwkSetSchema,
  trustRelationshipRemovedSchema,
  apiTokenEnvelopeSchema,
  apiTokenListSchema,
  integrationsResponseSchema,
  putTailscaleSpecRequestSchema,
  registerInstanceRequestSchema,
  registerInstanceResponseSchema,
  tailscaleJoinPlanSchema,
  tailscaleJoinResponseSchema,
  tailscaleSpecSchema,
  workspaceInfoSchema,
  createTrustRelationshipSchema,
  exchangeTokenRequestSchema,
  exchangeTokenResponseSchema,
  trustRelationshipEnvelopeSchema,
  trustRelationshipListSchema,
  trustRelationshipSpecSchema,
} from "@nsc/core";

/** Who may call an operation. */
export type Caller = "public" | "api_token" | "workload_token";

/** One documented operation of the HTTP API. */
export interface ApiOperation {
  readonly method: "get" | "put" | "post" | "delete";
  /** OpenAPI path template (`/v1/instances/{id}`). */
  readonly path: string;
  readonly summary: string;
  readonly caller: Caller;
  /** Roles admitted, for `api_token` callers. */
  readonly roles?: readonly string[];
  readonly query?: readonly {
    readonly name: string;
    readonly description: string;
    readonly required?: boolean;
  }[];
  readonly request?: z.ZodMiniType;
  /** Success status → JSON body schema; `text` for a plain-text body, `json` for any JSON object. */
  readonly responses: Readonly<Record<number, z.ZodMiniType | "text" | "json">>;
  /** The media type of the JSON success bodies when it is not `application/json`. */
  readonly mediaType?: string;
}

const ADMIN = ["admin"];
const READERS = ["admin", "member"];
const LAUNCHERS = ["admin", "launcher"];

const status = (value: string) => z.strictObject({ status: z.literal(value) });

/**
 * Every operation the server answers, with the core schemas of its request and response bodies. The
 * OpenAPI document is generated from this table; the API tests check every response they see against it.
 */
export const API_OPERATIONS: readonly ApiOperation[] = [
  {
    method: "get",
    path: "/healthz",
    summary: "The process answers",
    caller: "public",
    responses: { 200: status("ok") },
  },
  {
    method: "get",
    path: "/readyz",
    summary: "The process and its database answer",
    caller: "public",
    responses: {
      200: z.strictObject({ status: z.literal("ready"), database: z.enum(["sqlite", "postgres"]) }),
    },
  },
  {
    method: "get",
    path: "/version",
    summary: "The server's version and commit",
    caller: "public",
    responses: { 200: z.strictObject({ version: z.string(), commit: z.string() }) },
  },
  {
    method: "get",
    path: "/metrics",
    summary: "Prometheus metrics (text exposition format)",
    caller: "public",
    responses: { 200: "text" },
  },
  {
    method: "get",
    path: "/openapi.json",
    summary: "This document",
    caller: "public",
    responses: { 200: "json" },
  },
  {
    method: "get",
    path: "/.well-known/openid-configuration",
    summary: "OIDC discovery document of the issuer",
    caller: "public",
    responses: { 200: discoveryDocumentSchema, 304: "text" },
  },
  {
    method: "get",
    path: "/.well-known/jwks",
    summary: "The issuer's published signing keys (JWKS)",
    caller: "public",
    responses: { 200: jwkSetSchema, 304: "text" },
    mediaType: "application/jwk-set+json",
  },
  {
    method: "get",
    path: "/v1/workspace",
    summary: "The token's workspace",
    caller: "api_token",
    roles: READERS,
    responses: { 200: workspaceInfoSchema },
  },
  {
    method: "get",
    path: "/v1/integrations",
    summary: "The workspace's integration specs and their metadata_version",
    caller: "api_token",
    roles: READERS,
    responses: { 200: integrationsResponseSchema },
  },
  {
    method: "put",
    path: "/v1/integrations/tailscale/{name}",
    summary: "Create or replace a Tailscale spec (optimistic: names the metadata_version it read)",
    caller: "api_token",
    roles: ADMIN,
    request: z.extend(putTailscaleSpecRequestSchema, { spec: tailscaleSpecSchema }),
    responses: { 200: integrationsResponseSchema },
  },
  {
    method: "delete",
    path: "/v1/integrations/tailscale/{name}",
    summary: "Remove a Tailscale spec (optimistic)",
    caller: "api_token",
    roles: ADMIN,
    query: [{ name: "metadata_version", description: "the metadata_version you read", required: true }],
    responses: { 200: integrationsResponseSchema },
  },
  {
    method: "get",
    path: "/v1/devbox/defaults",
    summary: "The workspace's devbox defaults",
    caller: "api_token",
    roles: READERS,
    responses: { 200: devboxDefaultsResponseSchema },
  },
  {
    method: "put",
    path: "/v1/devbox/defaults",
    summary: "Set the workspace's devbox defaults",
    caller: "api_token",
    roles: ADMIN,
    request: devboxDefaultsSchema,
    responses: { 200: devboxDefaultsResponseSchema },
  },
  {
    method: "post",
    path: "/v1/instances",
    summary: "Register an instance; answers its workload token once",
    caller: "api_token",
    roles: LAUNCHERS,
    request: registerInstanceRequestSchema,
    responses: { 201: registerInstanceResponseSchema },
  },
  {
    method: "get",
    path: "/v1/instances",
    summary: "The workspace's instances",
    caller: "api_token",
    roles: READERS,
    responses: { 200: instanceListSchema },
  },
  {
    method: "get",
    path: "/v1/instances/{id}",
    summary: "One instance",
    caller: "api_token",
    roles: READERS,
    responses: { 200: instanceEnvelopeSchema },
  },
  {
    method: "delete",
    path: "/v1/instances/{id}",
    summary: "Destroy an instance; its workload token stops working",
    caller: "api_token",
    roles: LAUNCHERS,
    responses: { 200: instanceEnvelopeSchema },
  },
  {
    method: "get",
    path: "/v1/tokens",
    summary: "The workspace's API tokens (never their secrets)",
    caller: "api_token",
    roles: READERS,
    responses: { 200: apiTokenListSchema },
  },
  {
    method: "post",
    path: "/v1/tokens",
    summary: "Create an API token; answers its secret once",
    caller: "api_token",
    roles: ADMIN,
    request: createApiTokenRequestSchema,
    responses: { 201: createApiTokenResponseSchema },
  },
  {
    method: "delete",
    path: "/v1/tokens/{id}",
    summary: "Revoke an API token",
    caller: "api_token",
    roles: ADMIN,
    responses: { 200: apiTokenEnvelopeSchema },
  },
  {
    method: "get",
    path: "/v1/audit",
    summary: "The audit log, newest first, paged with before",
    caller: "api_token",
    roles: ADMIN,
    query: [
      { name: "since", description: "only events at or after this RFC 3339 time" },
      { name: "before", description: "the next_before of the previous page" },
      { name: "action", description: "an action or its prefix (tailscale_spec, id_token.issued)" },
      { name: "limit", description: "events per page, 1 to 500 (default 50)" },
    ],
    responses: { 200: auditPageSchema },
  },
  {
    method: "post",
    path: "/v1/id-token",
    summary: "An ID token for the calling instance",
    caller: "workload_token",
    request: idTokenRequestSchema,
    responses: { 200: idTokenResponseSchema },
  },
  {
    method: "post",
    path: "/v1/workload/tailscale/join",
    summary: "The instance's Tailscale spec and a fresh ID token for it (the plan only with dry_run)",
    caller: "workload_token",
    request: joinRequestSchema,
    responses: { 200: z.union([tailscaleJoinResponseSchema, tailscaleJoinPlanSchema]) },
  },
  {
    method: "get",
    path: "/v1/trust-relationships",
    summary: "The workspace's trust relationships (external OIDC issuers admitted to exchange)",
    caller: "api_token",
    roles: READERS,
    responses: { 200: trustRelationshipListSchema },
  },
  {
    method: "post",
    path: "/v1/trust-relationships",
    summary: "Trust an external OIDC issuer for token exchange",
    caller: "api_token",
    roles: ADMIN,
    request: createTrustRelationshipSchema,
    responses: { 201: trustRelationshipEnvelopeSchema },
  },
  {
    method: "get",
    path: "/v1/trust-relationships/{name}",
    summary: "One trust relationship",
    caller: "api_token",
    roles: READERS,
    responses: { 200: trustRelationshipEnvelopeSchema },
  },
  {
    method: "put",
    path: "/v1/trust-relationships/{name}",
    summary: "Replace a trust relationship's settings",
    caller: "api_token",
    roles: ADMIN,
    request: trustRelationshipSpecSchema,
    responses: { 200: trustRelationshipEnvelopeSchema },
  },
  {
    method: "delete",
    path: "/v1/trust-relationships/{name}",
    summary: "Remove a trust relationship",
    caller: "api_token",
    roles: ADMIN,
    responses: { 200: trustRelationshipRemovedSchema },
  },
  {
    method: "post",
    path: "/v1/auth/exchange-oidc-token",
    summary:
      "Exchange a workload's own OIDC token (Kubernetes, GitHub Actions) for an instance and its workload token",
    caller: "public",
    request: exchangeTokenRequestSchema,
    responses: { 200: exchangeTokenResponseSchema },
  },
];

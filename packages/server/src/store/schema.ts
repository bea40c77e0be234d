import type {
  ApiTokenId,
  ClaimRule,
  InstanceId,
  InstanceKind,
  PublicJwk,
  Role,
  SourceClaims,
  SpecName,
  SpecSource,
  TrustRelationshipName,
  WorkspaceId,
} from "@nsc/core";
import type { AuditAction, AuditDetail } from "../audit/audit-event.js";
import type { SigningKeyState } from "../signing/rotation-plan.js";
import type { SigningAlg } from "../signing/signing-alg.js";
import type { JsonColumn } from "./json-column.js";

/**
 * The database as Kysely sees it. Timestamps are integer milliseconds since the epoch (BIGINT in
 * PostgreSQL, read back as numbers); booleans are 0/1 integers; ordered lists are JSON text. That keeps
 * one query code path for SQLite and PostgreSQL. Columns carry the types their values have everywhere
 * else — branded IDs, the closed unions of enum-like columns, {@link JsonColumn}s of what the JSON holds —
 * and only the storage functions write them, from values already parsed, so a row read back needs no
 * cast.
 */
export interface Database {
  readonly meta: MetaTable;
  readonly workspaces: WorkspacesTable;
  readonly tailscale_specs: TailscaleSpecsTable;
  readonly api_tokens: ApiTokensTable;
  readonly audit_events: AuditEventsTable;
  readonly signing_keys: SigningKeysTable;
  readonly instances: InstancesTable;
  readonly trust_relationships: TrustRelationshipsTable;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface WorkspacesTable {
  id: WorkspaceId;
  name: string;
  created_at: number;
  integrations_version: number;
  devbox_default_spec: SpecName | null;
  devbox_default_locked: number;
}

export interface TailscaleSpecsTable {
  workspace_id: WorkspaceId;
  name: SpecName;
  oauth_client_id: string;
  /** JSON array of tags, in the order given. */
  tags: JsonColumn<readonly string[]>;
  enable_magic_dns: number;
  login_server: string | null;
  /** Custom trust-credential audience; NULL for the default. */
  audience: string | null;
  created_at: number;
  updated_at: number;
}

export interface ApiTokensTable {
  id: ApiTokenId;
  workspace_id: WorkspaceId;
  name: string;
  role: Role;
  /** Hex SHA-256 of the whole secret; the secret itself is never stored. */
  secret_hash: string;
  created_at: number;
  expires_at: number | null;
  revoked_at: number | null;
  last_used_at: number | null;
}

export interface AuditEventsTable {
  /** Sortable: milliseconds then randomness, so newest-first paging orders by `id`. */
  id: string;
  workspace_id: WorkspaceId;
  at: number;
  actor: string;
  action: AuditAction;
  object_kind: string;
  object_id: string;
  /** Small JSON object; never contains a secret. */
  detail: JsonColumn<AuditDetail>;
}

export interface SigningKeysTable {
  /** RFC 7638 thumbprint of the public key. */
  kid: string;
  alg: SigningAlg;
  /** JSON of the public JWK, as published. */
  public_jwk: JsonColumn<PublicJwk>;
  /** The private key, AES-256-GCM sealed under the key-encryption key; never in clear. */
  sealed_private_key: string;
  state: SigningKeyState;
  created_at: number;
  activated_at: number | null;
  retired_at: number | null;
}

export interface InstancesTable {
  id: InstanceId;
  workspace_id: WorkspaceId;
  kind: InstanceKind;
  /** The spec the instance resolved to at registration; re-read at every join. */
  tailscale_spec: SpecName | null;
  spec_source: SpecSource;
  runner_profile: string | null;
  /** JSON array of the job's labels, for runners. */
  runner_labels: JsonColumn<readonly string[]> | null;
  devbox_name: string | null;
  /** JSON of the validated devbox spec file, for devboxes. */
  devbox_spec: JsonColumn<unknown> | null;
  hostname: string;
  /** Hex SHA-256 of the workload token; the token itself is never stored. */
  workload_token_hash: string;
  created_by: string;
  created_at: number;
  expires_at: number;
  destroyed_at: number | null;
  /** The trust relationship whose token exchange made the instance; null for registered ones. */
  trust_relationship?: string | null | undefined;
  /** JSON of the instance's source claims (external issuer, subject, …), for exchanged instances. */
  source_claims?: JsonColumn<SourceClaims> | null | undefined;
  /**
   * Hex SHA-256 of the external token's issuer and `jti` (or of the token itself when it has none):
   * unique per workspace, so exchanging one token twice gives the same instance.
   */
  exchange_key?: string | null | undefined;
}

export interface TrustRelationshipsTable {
  workspace_id: WorkspaceId;
  name: TrustRelationshipName;
  issuer: string;
  audience: string;
  subject_match: string;
  /** JSON array of `{claim, pattern}`. */
  claim_rules: JsonColumn<readonly ClaimRule[]>;
  /** JSON of the issuer's JWK Set when given instead of fetched. */
  jwks: JsonColumn<Readonly<Record<string, unknown>>> | null;
  kind: InstanceKind;
  tailscale_spec: SpecName | null;
  /** JSON array of label patterns. */
  allow_labels: JsonColumn<readonly string[]>;
  instance_ttl_secs: number;
  created_at: number;
  updated_at: number;
}

import {
  NscError,
  type TrustRelationshipInfo,
  type TrustRelationshipName,
  type TrustRelationshipSpec,
  type WorkspaceId,
  specNotFound,
} from "@nsc/core";
import { auditChange } from "../audit/record-audit.js";
import type { WriteContext } from "../audit/write-context.js";
import { findTailscaleSpec } from "../integrations/integrations.js";
import type { Executor } from "../store/executor.js";
import type { TrustRelationshipsTable } from "../store/schema.js";
import { fromJsonColumn, toJsonColumn } from "../store/json-column.js";

/** A stored relationship with its name, as the exchange reads it. */
export interface TrustRelationship extends TrustRelationshipSpec {
  readonly name: TrustRelationshipName;
}

function notFound(name: string): NscError {
  return new NscError(
    "trust_relationship_not_found",
    `trust relationship "${name}" not found: list them with \`nsc auth trust-relationships list\``,
  );
}

async function requireSpecOf(
  db: Executor,
  workspaceId: WorkspaceId,
  spec: TrustRelationshipSpec,
): Promise<void> {
  if (spec.tailscale_spec === null) return;
  if ((await findTailscaleSpec(db, workspaceId, spec.tailscale_spec)) === undefined) {
    throw specNotFound(spec.tailscale_spec, { field: "tailscale_spec", otherwise: "name another spec" });
  }
}

function rowOf(
  workspaceId: WorkspaceId,
  name: TrustRelationshipName,
  spec: TrustRelationshipSpec,
  createdAt: number,
  now: number,
): TrustRelationshipsTable {
  return {
    workspace_id: workspaceId,
    name,
    issuer: spec.issuer,
    audience: spec.audience,
    subject_match: spec.subject_match,
    claim_rules: toJsonColumn(spec.claims),
    jwks: spec.jwks === null ? null : toJsonColumn(spec.jwks),
    kind: spec.kind,
    tailscale_spec: spec.tailscale_spec,
    allow_labels: toJsonColumn(spec.allow_labels),
    instance_ttl_secs: spec.instance_ttl_secs,
    created_at: createdAt,
    updated_at: now,
  };
}

/** What the audit log records of a relationship: its rules, never a key. */
function auditDetail(
  spec: TrustRelationshipSpec,
): Record<string, string | number | boolean | null | readonly string[]> {
  return {
    issuer: spec.issuer,
    audience: spec.audience,
    subject_match: spec.subject_match,
    claims: spec.claims.map((rule) => `${rule.claim}=${rule.pattern}`),
    jwks_inline: spec.jwks !== null,
    kind: spec.kind,
    tailscale_spec: spec.tailscale_spec,
    allow_labels: spec.allow_labels,
    instance_ttl_secs: spec.instance_ttl_secs,
  };
}

/**
 * Adds a trust relationship. The named spec must exist. Run inside a transaction.
 *
 * @throws NscError `trust_relationship_exists` when the name is taken, `spec_not_found`.
 */
export async function createTrustRelationship(
  db: Executor,
  write: WriteContext,
  name: TrustRelationshipName,
  spec: TrustRelationshipSpec,
): Promise<TrustRelationshipInfo> {
  await requireSpecOf(db, write.workspaceId, spec);
  const row = rowOf(write.workspaceId, name, spec, write.now, write.now);
  const inserted = await db
    .insertInto("trust_relationships")
    .values(row)
    .onConflict((oc) => oc.columns(["workspace_id", "name"]).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) {
    throw new NscError(
      "trust_relationship_exists",
      `trust relationship "${name}" already exists: change it with \`nsc auth trust-relationships update ${name} …\``,
    );
  }
  await auditChange(db, write, {
    action: "trust_relationship.added",
    objectKind: "trust_relationship",
    objectId: name,
    detail: auditDetail(spec),
  });
  return toInfo(row);
}

/**
 * Replaces the settings of an existing relationship. Run inside a transaction.
 *
 * @throws NscError `trust_relationship_not_found`, `spec_not_found`.
 */
export async function replaceTrustRelationship(
  db: Executor,
  write: WriteContext,
  name: TrustRelationshipName,
  spec: TrustRelationshipSpec,
): Promise<TrustRelationshipInfo> {
  await requireSpecOf(db, write.workspaceId, spec);
  const row = rowOf(write.workspaceId, name, spec, write.now, write.now);
  const changes: Partial<TrustRelationshipsTable> = { ...row };
  delete changes.created_at;
  const updated = await db
    .updateTable("trust_relationships")
    .set(changes)
    .where("workspace_id", "=", write.workspaceId)
    .where("name", "=", name)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) throw notFound(name);
  await auditChange(db, write, {
    action: "trust_relationship.updated",
    objectKind: "trust_relationship",
    objectId: name,
    detail: auditDetail(spec),
  });
  return getTrustRelationship(db, write.workspaceId, name);
}

/**
 * Removes a relationship: no new exchange is admitted by it. Instances it made keep their (bounded)
 * lifetime; destroy them with `nsc instances destroy` to end them at once.
 *
 * @throws NscError `trust_relationship_not_found`.
 */
export async function removeTrustRelationship(
  db: Executor,
  write: WriteContext,
  name: TrustRelationshipName,
): Promise<void> {
  const deleted = await db
    .deleteFrom("trust_relationships")
    .where("workspace_id", "=", write.workspaceId)
    .where("name", "=", name)
    .executeTakeFirst();
  if (Number(deleted.numDeletedRows) === 0) throw notFound(name);
  await auditChange(db, write, {
    action: "trust_relationship.removed",
    objectKind: "trust_relationship",
    objectId: name,
  });
}

/** Every relationship of a workspace, by name. */
export async function listTrustRelationships(
  db: Executor,
  workspaceId: WorkspaceId,
): Promise<readonly TrustRelationshipInfo[]> {
  const rows = await db
    .selectFrom("trust_relationships")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .orderBy("name")
    .execute();
  return rows.map(toInfo);
}

/** One relationship of the workspace. @throws NscError `trust_relationship_not_found`. */
export async function getTrustRelationship(
  db: Executor,
  workspaceId: WorkspaceId,
  name: TrustRelationshipName,
): Promise<TrustRelationshipInfo> {
  const row = await db
    .selectFrom("trust_relationships")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .where("name", "=", name)
    .executeTakeFirst();
  if (row === undefined) throw notFound(name);
  return toInfo(row);
}

/** The workspace's relationships for one issuer (compared exactly), by name. */
export async function relationshipsForIssuer(
  db: Executor,
  workspaceId: WorkspaceId,
  issuer: string,
): Promise<readonly TrustRelationship[]> {
  const rows = await db
    .selectFrom("trust_relationships")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .where("issuer", "=", issuer)
    .orderBy("name")
    .execute();
  return rows.map((row) => ({ ...specOf(row), name: row.name }));
}

function specOf(row: TrustRelationshipsTable): TrustRelationshipSpec {
  return {
    issuer: row.issuer,
    audience: row.audience,
    subject_match: row.subject_match,
    claims: fromJsonColumn(row.claim_rules),
    jwks: row.jwks === null ? null : fromJsonColumn(row.jwks),
    kind: row.kind,
    tailscale_spec: row.tailscale_spec,
    allow_labels: fromJsonColumn(row.allow_labels),
    instance_ttl_secs: row.instance_ttl_secs,
  };
}

function toInfo(row: TrustRelationshipsTable): TrustRelationshipInfo {
  return {
    name: row.name,
    ...specOf(row),
    created_at: new Date(row.created_at).toISOString(),
    updated_at: new Date(row.updated_at).toISOString(),
  };
}

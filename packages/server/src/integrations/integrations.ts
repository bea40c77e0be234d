import {
  NscError,
  type IntegrationsDocument,
  type SpecName,
  type TailscaleSpec,
  specNotFound,
  type WorkspaceId,
} from "@nsc/core";
import { auditChange } from "../audit/record-audit.js";
import type { WriteContext } from "../audit/write-context.js";
import type { Executor } from "../store/executor.js";
import type { TailscaleSpecsTable } from "../store/schema.js";
import { getWorkspace } from "../workspaces/workspaces.js";
import { fromJsonColumn, toJsonColumn } from "../store/json-column.js";

/** Reads a workspace's integrations document: every Tailscale spec and the current metadata version. */
export async function getIntegrations(db: Executor, workspaceId: WorkspaceId): Promise<IntegrationsDocument> {
  const workspace = await getWorkspace(db, workspaceId);
  const rows = await db
    .selectFrom("tailscale_specs")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .orderBy("name")
    .execute();
  const tailscale: Record<string, TailscaleSpec> = {};
  for (const row of rows) tailscale[row.name] = toSpec(row);
  return { metadata_version: String(workspace.integrations_version), tailscale };
}

/** Reads one spec, or `undefined` when the workspace has none by that name. */
export async function findTailscaleSpec(
  db: Executor,
  workspaceId: WorkspaceId,
  name: SpecName,
): Promise<TailscaleSpec | undefined> {
  const row = await db
    .selectFrom("tailscale_specs")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .where("name", "=", name)
    .executeTakeFirst();
  return row === undefined ? undefined : toSpec(row);
}

/** A change to one spec: which, and the `metadata_version` the writer read. */
export interface SpecWrite extends WriteContext {
  readonly name: SpecName;
  /** The `metadata_version` the writer read; the write fails if it is no longer current. */
  readonly expectedVersion: number;
}

/**
 * Creates or replaces a spec, as `nsc integrations tailscale set` does. Run inside a transaction; fails
 * with `version_conflict` (and changes nothing) when another write came first.
 */
export async function setTailscaleSpec(db: Executor, write: SpecWrite, spec: TailscaleSpec): Promise<void> {
  await bumpVersion(db, write);
  const existing = await findTailscaleSpec(db, write.workspaceId, write.name);
  const values = {
    oauth_client_id: spec.oauth_client_id,
    tags: toJsonColumn(spec.tags),
    enable_magic_dns: spec.enable_magic_dns ? 1 : 0,
    login_server: spec.login_server ?? null,
    audience: spec.audience ?? null,
    updated_at: write.now,
  };
  if (existing === undefined) {
    await db
      .insertInto("tailscale_specs")
      .values({ workspace_id: write.workspaceId, name: write.name, created_at: write.now, ...values })
      .execute();
  } else {
    await db
      .updateTable("tailscale_specs")
      .set(values)
      .where("workspace_id", "=", write.workspaceId)
      .where("name", "=", write.name)
      .execute();
  }
  await auditChange(db, write, {
    action: "tailscale_spec.set",
    objectKind: "tailscale_spec",
    objectId: write.name,
    detail: {
      created: existing === undefined,
      oauth_client_id: spec.oauth_client_id,
      tags: spec.tags,
      enable_magic_dns: spec.enable_magic_dns,
      login_server: spec.login_server ?? null,
      audience: spec.audience ?? null,
    },
  });
}

/**
 * Removes a spec. Run inside a transaction. Refused with `spec_in_use` while the workspace's devbox default
 * names it (every devbox create relying on the default would fail), and while live instances use it unless
 * `force` is set (their next join would fail); the message says how many.
 *
 * @throws NscError `spec_not_found`, `spec_in_use`, `version_conflict`.
 */
export async function removeTailscaleSpec(db: Executor, write: SpecWrite, force = false): Promise<void> {
  const workspace = await getWorkspace(db, write.workspaceId);
  if (workspace.devbox_default_spec === write.name) {
    const locked = workspace.devbox_default_locked === 1;
    throw new NscError(
      "spec_in_use",
      `tailscale integration "${write.name}" is the workspace's ${locked ? "locked " : ""}devbox default: every devbox created without a spec${locked ? "" : " of its own"} uses it. Set another default first (\`nsc devbox defaults set …\`), then remove it`,
    );
  }
  const live = await db
    .selectFrom("instances")
    .select((eb) => eb.fn.countAll<number | string | bigint>().as("count"))
    .where("workspace_id", "=", write.workspaceId)
    .where("tailscale_spec", "=", write.name)
    .where("destroyed_at", "is", null)
    .where("expires_at", ">", write.now)
    .executeTakeFirstOrThrow();
  const liveCount = Number(live.count);
  if (liveCount > 0 && !force) {
    throw new NscError(
      "spec_in_use",
      `tailscale integration "${write.name}" is used by ${liveCount} live instance${liveCount === 1 ? "" : "s"}, whose next join would fail: destroy ${liveCount === 1 ? "it" : "them"} first, or remove the spec anyway (\`nsc integrations tailscale remove ${write.name} --force\`, or Remove anyway in the console)`,
      { field: "force" },
    );
  }
  const result = await db
    .deleteFrom("tailscale_specs")
    .where("workspace_id", "=", write.workspaceId)
    .where("name", "=", write.name)
    .executeTakeFirst();
  if (result.numDeletedRows === 0n) throw specNotFound(write.name);
  await bumpVersion(db, write);
  await auditChange(db, write, {
    action: "tailscale_spec.removed",
    objectKind: "tailscale_spec",
    objectId: write.name,
    ...(liveCount > 0 ? { detail: { forced: true, live_instances: liveCount } } : {}),
  });
}

async function bumpVersion(db: Executor, write: SpecWrite): Promise<void> {
  const result = await db
    .updateTable("workspaces")
    .set((eb) => ({ integrations_version: eb("integrations_version", "+", 1) }))
    .where("id", "=", write.workspaceId)
    .where("integrations_version", "=", write.expectedVersion)
    .executeTakeFirst();
  if (result.numUpdatedRows === 1n) return;
  const current = await getWorkspace(db, write.workspaceId);
  throw new NscError(
    "version_conflict",
    `the integrations changed since they were read (metadata_version ${write.expectedVersion}, now ${current.integrations_version}): read them again and retry`,
  );
}

function toSpec(row: TailscaleSpecsTable): TailscaleSpec {
  return {
    oauth_client_id: row.oauth_client_id,
    tags: fromJsonColumn(row.tags),
    enable_magic_dns: row.enable_magic_dns === 1,
    ...(row.login_server === null ? {} : { login_server: row.login_server }),
    ...(row.audience === null ? {} : { audience: row.audience }),
  };
}

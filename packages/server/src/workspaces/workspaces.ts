import { NscError, isValidWorkspaceName, newId, type RandomBytes, isWorkspaceId } from "@nsc/core";
import { auditChange } from "../audit/record-audit.js";
import type { WriteContext } from "../audit/write-context.js";
import type { Executor } from "../store/executor.js";
import type { WorkspacesTable } from "../store/schema.js";
import { createApiToken } from "../tokens/api-tokens.js";

/** A new workspace and the secret of its first admin token (shown once). */
export interface CreatedWorkspace {
  readonly workspace: WorkspacesTable;
  readonly adminToken: string;
}

/**
 * Creates a workspace with an admin API token. Run it inside a transaction: both rows and their audit
 * events land together or not at all.
 */
export async function createWorkspace(
  db: Executor,
  name: string,
  now: number,
  random: RandomBytes,
): Promise<CreatedWorkspace> {
  if (!isValidWorkspaceName(name)) {
    throw new NscError(
      "invalid_workspace_name",
      `invalid workspace name ${JSON.stringify(name)}: use 1 to 63 letters, digits, spaces, '.', '_' or '-'`,
      { field: "name" },
    );
  }
  const workspace: WorkspacesTable = {
    id: newId("workspace", random),
    name,
    created_at: now,
    integrations_version: 0,
    devbox_default_spec: null,
    devbox_default_locked: 0,
  };
  await db.insertInto("workspaces").values(workspace).execute();
  // The workspace's own first changes are the server's.
  const write: WriteContext = { workspaceId: workspace.id, actor: "system", now, random };
  await auditChange(db, write, {
    action: "workspace.created",
    objectKind: "workspace",
    objectId: workspace.id,
    detail: { name },
  });
  const { secret } = await createApiToken(db, { name: "admin", role: "admin", expiresAt: null }, write);
  return { workspace, adminToken: secret };
}

/** Reads a workspace; a missing one is `workspace_not_found`. */
export async function getWorkspace(db: Executor, id: string): Promise<WorkspacesTable> {
  // An ID of the wrong shape (typed by an operator, say) names no workspace.
  const row = isWorkspaceId(id)
    ? await db.selectFrom("workspaces").selectAll().where("id", "=", id).executeTakeFirst()
    : undefined;
  if (row === undefined) throw new NscError("workspace_not_found", `workspace "${id}" not found`);
  return row;
}

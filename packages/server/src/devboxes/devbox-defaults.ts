import { parseSpecName, specNotFound, type DevboxDefaults, type WorkspaceId } from "@nsc/core";
import { auditChange } from "../audit/record-audit.js";
import type { WriteContext } from "../audit/write-context.js";
import { findTailscaleSpec } from "../integrations/integrations.js";
import type { Executor } from "../store/executor.js";
import { getWorkspace } from "../workspaces/workspaces.js";

/** Reads a workspace's devbox defaults. */
export async function getDevboxDefaults(db: Executor, workspaceId: WorkspaceId): Promise<DevboxDefaults> {
  const workspace = await getWorkspace(db, workspaceId);
  return { tailscale_spec: workspace.devbox_default_spec, locked: workspace.devbox_default_locked === 1 };
}

/** Sets a workspace's devbox defaults; the named spec must exist. Run inside a transaction. */
export async function setDevboxDefaults(
  db: Executor,
  defaults: DevboxDefaults,
  write: WriteContext,
): Promise<DevboxDefaults> {
  const { workspaceId } = write;
  const spec =
    defaults.tailscale_spec === null ? null : parseSpecName(defaults.tailscale_spec, "tailscale_spec");
  if (spec !== null && (await findTailscaleSpec(db, workspaceId, spec)) === undefined) {
    throw specNotFound(spec, { field: "tailscale_spec" });
  }
  await db
    .updateTable("workspaces")
    .set({ devbox_default_spec: spec, devbox_default_locked: defaults.locked ? 1 : 0 })
    .where("id", "=", workspaceId)
    .execute();
  await auditChange(db, write, {
    action: "devbox_defaults.set",
    objectKind: "workspace",
    objectId: workspaceId,
    detail: { tailscale_spec: spec, locked: defaults.locked },
  });
  return { tailscale_spec: spec, locked: defaults.locked };
}

import { NscError, type InstanceInfo, type WorkspaceId, type InstanceId } from "@nsc/core";
import type { Executor } from "../store/executor.js";
import type { InstancesTable } from "../store/schema.js";
import { toInstanceInfo } from "./instance-info.js";

/** Lists a workspace's instances, newest first. */
export async function listInstances(
  db: Executor,
  workspaceId: WorkspaceId,
  limit = 500,
): Promise<readonly InstanceInfo[]> {
  const rows = await db
    .selectFrom("instances")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map(toInstanceInfo);
}

/** Reads one instance of the workspace; another workspace's instance is simply not found. */
export async function getInstance(
  db: Executor,
  workspaceId: WorkspaceId,
  id: InstanceId,
): Promise<InstancesTable> {
  const row = await db
    .selectFrom("instances")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (row === undefined)
    throw new NscError(
      "instance_not_found",
      `instance "${id}" not found: list instances with \`nsc instances list\``,
    );
  return row;
}

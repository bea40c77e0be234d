import type { Kysely } from "kysely";

/**
 * Audit listing filtered by action (`GET /v1/audit?action=…`): an index on `(workspace_id, action, id)`,
 * so the newest events of one action are read from the index instead of by scanning a workspace's whole
 * log backwards and discarding every other action.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex("audit_events_workspace_action")
    .ifNotExists()
    .on("audit_events")
    .columns(["workspace_id", "action", "id"])
    .execute();
}

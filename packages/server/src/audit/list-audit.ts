import type { WorkspaceId } from "@nsc/core";
import type { Executor } from "../store/executor.js";
import { AUDIT_ACTIONS, type AuditEvent } from "./audit-event.js";
import { fromJsonColumn } from "../store/json-column.js";

export interface AuditQuery {
  readonly workspaceId: WorkspaceId;
  /** Only events at or after this time (ms). */
  readonly since?: number;
  /** Only events older than this event ID (the page cursor). */
  readonly before?: string;
  /** Only events whose action starts with this prefix (`tailscale_spec`, `id_token.issued`). */
  readonly actionPrefix?: string;
  readonly limit: number;
}

/** Lists a workspace's audit events, newest first. */
export async function listAudit(db: Executor, query: AuditQuery): Promise<readonly AuditEvent[]> {
  let q = db.selectFrom("audit_events").selectAll().where("workspace_id", "=", query.workspaceId);
  if (query.since !== undefined) q = q.where("at", ">=", query.since);
  if (query.before !== undefined) q = q.where("id", "<", query.before);
  if (query.actionPrefix !== undefined) {
    const actions = AUDIT_ACTIONS.filter(
      (a) => a === query.actionPrefix || a.startsWith(`${query.actionPrefix ?? ""}.`),
    );
    if (actions.length === 0) return [];
    q = q.where("action", "in", actions);
  }
  const rows = await q.orderBy("id", "desc").limit(query.limit).execute();
  return rows.map((row) => ({
    id: row.id,
    at: new Date(row.at).toISOString(),
    actor: row.actor,
    action: row.action,
    object_kind: row.object_kind,
    object_id: row.object_id,
    detail: fromJsonColumn(row.detail),
  }));
}

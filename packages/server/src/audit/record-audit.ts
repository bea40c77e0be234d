import type { RandomBytes, WorkspaceId } from "@nsc/core";
import type { Executor } from "../store/executor.js";
import type { AuditAction, AuditDetail } from "./audit-event.js";
import type { WriteContext } from "./write-context.js";
import { toJsonColumn } from "../store/json-column.js";

/** Who did it: an API token (`token:<id>`), a workload (`instance:<id>`) or the server (`system`). */
export type Actor = string;

export interface AuditRecord {
  readonly workspaceId: WorkspaceId;
  readonly actor: Actor;
  readonly action: AuditAction;
  readonly objectKind: string;
  readonly objectId: string;
  readonly detail?: AuditDetail;
}

/** An audited change of a {@link WriteContext}: what happened to which object. */
export type AuditChange = Omit<AuditRecord, "workspaceId" | "actor">;

/**
 * Appends the audit event of a change. Call it with the same transaction as the change it records, so the
 * log and the data never disagree.
 */
export async function auditChange(db: Executor, write: WriteContext, change: AuditChange): Promise<void> {
  const record: AuditRecord = { workspaceId: write.workspaceId, actor: write.actor, ...change };
  await recordAudits(db, [{ record, at: write.now }], write.random);
}

/** Rows per INSERT statement: well under SQLite's and PostgreSQL's bound-parameter limits. */
const ROWS_PER_INSERT = 200;

/** Appends many audit events with as few statements as the parameter limits allow. */
export async function recordAudits(
  db: Executor,
  events: readonly { readonly record: AuditRecord; readonly at: number }[],
  random: RandomBytes,
): Promise<void> {
  for (let start = 0; start < events.length; start += ROWS_PER_INSERT) {
    const rows = events.slice(start, start + ROWS_PER_INSERT).map(({ record, at }) => ({
      id: sortableId(at, random),
      workspace_id: record.workspaceId,
      at,
      actor: record.actor,
      action: record.action,
      object_kind: record.objectKind,
      object_id: record.objectId,
      detail: toJsonColumn(record.detail ?? {}),
    }));
    await db.insertInto("audit_events").values(rows).execute();
  }
}

let sequence = 0;

/**
 * `ev-`, 12 hex digits of milliseconds, a 6-hex-digit process-wide sequence, 10 hex random digits: sorts
 * by time as a string, and by order of writing within one process and millisecond.
 */
function sortableId(now: number, random: RandomBytes): string {
  sequence = (sequence + 1) % 0x1000000;
  const time = now.toString(16).padStart(12, "0");
  return `ev-${time}${sequence.toString(16).padStart(6, "0")}${Buffer.from(random(5)).toString("hex")}`;
}

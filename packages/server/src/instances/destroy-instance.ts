import type { InstanceInfo, InstanceId } from "@nsc/core";
import { auditChange } from "../audit/record-audit.js";
import type { WriteContext } from "../audit/write-context.js";
import type { Executor } from "../store/executor.js";
import { toInstanceInfo } from "./instance-info.js";
import { getInstance } from "./read-instances.js";

/** Destroys an instance, which revokes its workload token at once. Destroying twice changes nothing. */
export async function destroyInstance(
  db: Executor,
  id: InstanceId,
  write: WriteContext,
): Promise<InstanceInfo> {
  const row = await getInstance(db, write.workspaceId, id);
  if (row.destroyed_at !== null) return toInstanceInfo(row);
  await db.updateTable("instances").set({ destroyed_at: write.now }).where("id", "=", id).execute();
  await auditChange(db, write, {
    action: "instance.destroyed",
    objectKind: "instance",
    objectId: id,
    detail: { kind: row.kind },
  });
  return toInstanceInfo({ ...row, destroyed_at: write.now });
}

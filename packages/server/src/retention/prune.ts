import { sql } from "kysely";
import type { RetentionPolicy } from "../config/server-config.js";
import type { Store } from "../store/open-store.js";

/** Rows removed by one {@link prune} run. */
export interface PruneResult {
  readonly instances: number;
  readonly auditEvents: number;
  /** False when another replica held the pruning lock, so this one did nothing. */
  readonly ran: boolean;
}

export interface PruneOptions {
  /** Most rows deleted per table in one transaction. */
  readonly batchSize?: number;
  /** Most batches per table in one run; the rest waits for the next run. */
  readonly maxBatches?: number;
}

/** PostgreSQL advisory lock key of pruning ("nspr"); key rotation uses its own. */
const PRUNE_LOCK_ID = 0x6e737072;

/**
 * Deletes destroyed and expired instances and old audit events past their retention, in bounded batches:
 * each batch is one short transaction of at most `batchSize` rows per table, so no lock is held for
 * long. On PostgreSQL a batch first takes a transaction-level advisory lock without waiting; a replica
 * that finds it taken stops, so one replica prunes at a time. `id_token.issued` events are kept for
 * `policy.idTokenAudit`, never less than the longest token lifetime plus a margin.
 */
export async function prune(
  store: Store,
  policy: RetentionPolicy,
  now: number,
  options: PruneOptions = {},
): Promise<PruneResult> {
  const batchSize = options.batchSize ?? 500;
  const maxBatches = options.maxBatches ?? 20;
  let instances = 0;
  let auditEvents = 0;
  const instanceCutoff = now - policy.instances;
  const auditCutoff = now - policy.audit;
  const idTokenCutoff = now - policy.idTokenAudit;
  for (let batch = 0; batch < maxBatches; batch += 1) {
    const done = await store.db.transaction().execute(async (trx) => {
      if (store.dialect === "postgres") {
        const { rows } = await sql<{
          locked: boolean;
        }>`select pg_try_advisory_xact_lock(${PRUNE_LOCK_ID}) as locked`.execute(trx);
        if (rows[0]?.locked !== true) return undefined;
      }
      const doomedInstances = trx
        .selectFrom("instances")
        .select("id")
        .where((eb) =>
          eb.or([
            eb.and([eb("destroyed_at", "is not", null), eb("destroyed_at", "<", instanceCutoff)]),
            eb.and([eb("destroyed_at", "is", null), eb("expires_at", "<", instanceCutoff)]),
          ]),
        )
        .limit(batchSize);
      const removedInstances = await trx
        .deleteFrom("instances")
        .where("id", "in", doomedInstances)
        .executeTakeFirst();
      const doomedEvents = trx
        .selectFrom("audit_events")
        .select("id")
        .where((eb) =>
          eb.or([
            eb.and([eb("action", "!=", "id_token.issued"), eb("at", "<", auditCutoff)]),
            eb.and([eb("action", "=", "id_token.issued"), eb("at", "<", idTokenCutoff)]),
          ]),
        )
        .limit(batchSize);
      const removedEvents = await trx
        .deleteFrom("audit_events")
        .where("id", "in", doomedEvents)
        .executeTakeFirst();
      return {
        instances: Number(removedInstances.numDeletedRows),
        auditEvents: Number(removedEvents.numDeletedRows),
      };
    });
    if (done === undefined) return { instances, auditEvents, ran: batch > 0 };
    instances += done.instances;
    auditEvents += done.auditEvents;
    if (done.instances < batchSize && done.auditEvents < batchSize) break;
  }
  return { instances, auditEvents, ran: true };
}

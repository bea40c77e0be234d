import { NscError, type InstanceId, type RandomBytes } from "@nsc/core";
import type { Transaction } from "kysely";
import type { Store } from "../store/open-store.js";
import type { Database } from "../store/schema.js";
import { recordAudits, type AuditRecord } from "./record-audit.js";

interface Pending {
  readonly record: AuditRecord;
  readonly at: number;
  /** The instance that must still be live when the event commits. */
  readonly liveInstance: InstanceId | undefined;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

export interface AuditBatcherOptions {
  /** Most events in one transaction. */
  readonly maxBatch?: number;
  /**
   * How long the first event of a batch waits for company. A commit costs one disk sync (about 2 ms
   * here, during which SQLite holds the event loop), so waiting a little turns many syncs into one.
   */
  readonly lingerMs?: number;
  /** Told of every batch: how long its commit took, how many events it held, and whether it committed. */
  readonly onCommit?: (commit: {
    readonly ms: number;
    readonly events: number;
    readonly ok: boolean;
  }) => void;
  /** Milliseconds for {@link AuditBatcherOptions.onCommit}; `performance.now` by default. */
  readonly now?: () => number;
}

/**
 * Group commit for audit events that are a change on their own, such as an issued ID token: every
 * caller waits until its event is durable, and events arriving within `lingerMs` of the first, or while
 * a batch commits, share one transaction — one disk sync for many tokens.
 */
export class AuditBatcher {
  readonly #store: Store;
  readonly #random: RandomBytes;
  readonly #maxBatch: number;
  readonly #lingerMs: number;
  readonly #onCommit: AuditBatcherOptions["onCommit"];
  readonly #now: () => number;
  #queue: Pending[] = [];
  #scheduled = false;

  constructor(store: Store, random: RandomBytes, options: AuditBatcherOptions = {}) {
    this.#store = store;
    this.#random = random;
    this.#maxBatch = options.maxBatch ?? 512;
    this.#lingerMs = options.lingerMs ?? 3;
    this.#onCommit = options.onCommit;
    this.#now = options.now ?? (() => performance.now());
  }

  /**
   * Resolves once the event is committed; rejects if its batch failed (nothing of it was written). With
   * `liveInstance`, the event commits only if that instance is neither destroyed nor expired at `at`,
   * checked in the committing transaction; otherwise it rejects with `unauthenticated` and is not written,
   * so nothing is handed out for an instance destroyed while its request was in progress.
   */
  record(record: AuditRecord, at: number, liveInstance?: InstanceId): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ record, at, liveInstance, resolve, reject });
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setTimeout(() => void this.#flush(), this.#lingerMs);
  }

  async #flush(): Promise<void> {
    const batch = this.#queue.splice(0, this.#maxBatch);
    const started = this.#now();
    try {
      const refused = await this.#store.db.transaction().execute(async (trx) => {
        const dead = await this.#deadInstances(trx, batch);
        await recordAudits(
          trx,
          batch.filter((item) => !dead.has(item)),
          this.#random,
        );
        return dead;
      });
      this.#onCommit?.({ ms: this.#now() - started, events: batch.length - refused.size, ok: true });
      for (const item of batch) {
        if (refused.has(item)) item.reject(instanceGone(item.liveInstance ?? ""));
        else item.resolve();
      }
    } catch (error) {
      this.#onCommit?.({ ms: this.#now() - started, events: batch.length, ok: false });
      for (const item of batch) item.reject(error);
    } finally {
      this.#scheduled = false;
      if (this.#queue.length > 0) this.#schedule();
    }
  }

  /**
   * The items whose instance is no longer live. On PostgreSQL the instances' rows are locked for share
   * until commit, so a destroy either commits first (and is seen here) or waits for this batch.
   */
  async #deadInstances(trx: Transaction<Database>, batch: readonly Pending[]): Promise<Set<Pending>> {
    const ids = [
      ...new Set(batch.flatMap((item) => (item.liveInstance === undefined ? [] : [item.liveInstance]))),
    ];
    const dead = new Set<Pending>();
    if (ids.length === 0) return dead;
    let query = trx
      .selectFrom("instances")
      .select(["id", "destroyed_at", "expires_at"])
      .where("id", "in", ids);
    if (this.#store.dialect === "postgres") query = query.forShare();
    const rows = new Map((await query.execute()).map((row) => [row.id, row]));
    for (const item of batch) {
      if (item.liveInstance === undefined) continue;
      const row = rows.get(item.liveInstance);
      if (row === undefined || row.destroyed_at !== null || row.expires_at <= item.at) dead.add(item);
    }
    return dead;
  }
}

function instanceGone(id: string): NscError {
  return new NscError(
    "unauthenticated",
    `instance ${id} was destroyed or expired while the request was in progress; no token was issued`,
  );
}

import type { RandomBytes } from "@nsc/core";
import type { Store } from "../store/open-store.js";
import { recordAudits, type AuditRecord } from "./record-audit.js";

interface Pending {
  readonly record: AuditRecord;
  readonly at: number;
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

  /** Resolves once the event is committed; rejects if its batch failed (nothing of it was written). */
  record(record: AuditRecord, at: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ record, at, resolve, reject });
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
      await this.#store.db.transaction().execute((trx) => recordAudits(trx, batch, this.#random));
      this.#onCommit?.({ ms: this.#now() - started, events: batch.length, ok: true });
      for (const item of batch) item.resolve();
    } catch (error) {
      this.#onCommit?.({ ms: this.#now() - started, events: batch.length, ok: false });
      for (const item of batch) item.reject(error);
    } finally {
      this.#scheduled = false;
      if (this.#queue.length > 0) this.#schedule();
    }
  }
}

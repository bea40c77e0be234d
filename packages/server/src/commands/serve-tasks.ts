import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { RetentionPolicy } from "../config/server-config.js";
import type { IssuerDocuments } from "../issuer/issuer-documents.js";
import type { Logger } from "../log/logger.js";
import type { ServerMetrics } from "../metrics/server-metrics.js";
import { prune } from "../retention/prune.js";
import type { Store } from "../store/open-store.js";

/** Writes a file whole or not at all: a temporary file beside it, then a rename. */
export function writeFileAtomic(path: string, body: string): void {
  const temporary = `${path}.${String(process.pid)}.tmp`;
  writeFileSync(temporary, body, { mode: 0o644 });
  renameSync(temporary, path);
}

/** Writes `.well-known/openid-configuration` and `.well-known/jwks` under `dir`, each atomically. */
export function exportDiscovery(documents: IssuerDocuments, dir: string): readonly string[] {
  const wellKnown = join(dir, ".well-known");
  mkdirSync(wellKnown, { recursive: true });
  const discovery = join(wellKnown, "openid-configuration");
  const jwks = join(wellKnown, "jwks");
  // The JWKS first: a discovery document never points at keys that are not yet there.
  writeFileAtomic(jwks, documents.jwks.body);
  writeFileAtomic(discovery, documents.discovery.body);
  return [discovery, jwks];
}

/**
 * Keeps the static copy in `dir` in step with the key ring's documents: written now, and again whenever the
 * JWKS changes (a rotation by this or another replica is seen within the ring's refresh time).
 */
export function followRotation(
  documents: IssuerDocuments,
  dir: string,
  logger: Logger,
  everyMs: number,
): () => void {
  let written = "";
  const sync = (): void => {
    if (documents.jwks.etag === written) return;
    try {
      exportDiscovery(documents, dir);
      written = documents.jwks.etag;
      logger.info("exported discovery and JWKS", { dir, etag: written });
    } catch (error) {
      logger.error("export of discovery and JWKS failed", {
        dir,
        error: error instanceof Error ? error.message : "unknown",
      });
    }
  };
  sync();
  const timer = setInterval(sync, everyMs);
  timer.unref();
  return () => {
    clearInterval(timer);
  };
}

/** Prunes past-retention rows now and then every `everyMs`; on PostgreSQL one replica at a time. */
export function schedulePruning(
  store: Store,
  policy: RetentionPolicy,
  metrics: ServerMetrics,
  logger: Logger,
  everyMs: number,
): () => void {
  let running = false;
  const run = async (): Promise<void> => {
    if (running) return;
    running = true;
    try {
      const result = await prune(store, policy, Date.now());
      metrics.pruned.inc({ table: "instances" }, result.instances);
      metrics.pruned.inc({ table: "audit_events" }, result.auditEvents);
      if (result.instances + result.auditEvents > 0) {
        logger.info("pruned", { instances: result.instances, audit_events: result.auditEvents });
      }
    } catch (error) {
      metrics.databaseErrors.inc({ operation: "prune" });
      logger.warn("pruning failed; will retry", {
        error: error instanceof Error ? error.message : "unknown",
      });
    } finally {
      running = false;
    }
  };
  void run();
  const timer = setInterval(() => void run(), everyMs);
  timer.unref();
  return () => {
    clearInterval(timer);
  };
}
